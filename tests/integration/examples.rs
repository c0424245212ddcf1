//! Every example workflow: a named ASL snapshot (the pull-request review use case), and a
//! lossless, byte-identical round trip through the parser.

use sfn_dsl::StateMachine;

fn check(name: &str, machine: &StateMachine) {
    insta::assert_json_snapshot!(name, machine);
    let json = machine.to_json_pretty();
    let parsed = StateMachine::from_json(&json).expect("the example parses back");
    assert_eq!(&parsed, machine, "{name}: the parsed model differs");
    assert_eq!(
        parsed.to_json_pretty(),
        json,
        "{name}: re-serialization differs"
    );
}

macro_rules! examples {
    ($($name:ident),+ $(,)?) => {
        $(
            #[test]
            fn $name() {
                let machine = sfn_examples::$name::definition().expect("the example builds");
                check(stringify!($name), &machine);
            }
        )+
    };
}

examples!(
    hello,
    order_saga,
    fan_out,
    timers,
    human_approval,
    polling,
    distributed_etl,
);
