//! The example workflows written with the macros: named ASL snapshots, deterministic
//! output, and a clean bill from the graph check and the validator.

use sfn_dsl::StateMachine;

fn names(machine: &StateMachine) -> Vec<String> {
    machine.states.names().map(ToString::to_string).collect()
}

fn check(name: &str, machine: &StateMachine) {
    insta::assert_json_snapshot!(name, machine);
    assert_eq!(
        sfn_dsl::graph::check_graph(machine),
        Vec::new(),
        "{name}: graph issues"
    );
    let report = sfn_dsl::validate::validate(machine);
    let diagnostics: Vec<String> = report
        .diagnostics()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        diagnostics,
        Vec::<String>::new(),
        "{name}: validator diagnostics"
    );
    let json = machine.to_json_pretty();
    assert_eq!(
        StateMachine::from_json(&json).expect("parses back"),
        *machine,
        "{name}: round trip"
    );
}

macro_rules! examples {
    ($($name:ident),+ $(,)?) => {
        $(
            #[test]
            fn $name() {
                let machine = sfn_examples::macros::$name::definition().expect("the example builds");
                check(concat!("macros_", stringify!($name)), &machine);
                let again = sfn_examples::macros::$name::definition().expect("the example builds");
                assert_eq!(machine.to_json(), again.to_json(), "output is deterministic");
            }
        )+
    };
}

examples!(order_saga, fan_out, timers, human_approval, polling);

#[test]
fn the_order_saga_reads_like_hand_written_asl() {
    let machine = sfn_examples::macros::order_saga::definition().expect("builds");
    assert_eq!(
        names(&machine),
        [
            "ValidateOrder",
            "CheckValid",
            "InvalidOrder",
            "ReserveInventory",
            "ChargePayment",
            "ForEachItem",
            "SendEmailAndSendSms",
            "Wait1Hour",
            "CheckTotal",
            "GrantBonus",
            "Done",
            "RefundPayment",
            "ReleaseInventory",
            "Failed",
        ]
    );
    let json = machine.to_value();
    // One shared unwind chain: every failure after the charge enters it at the refund.
    for state in ["SendEmailAndSendSms", "GrantBonus", "ForEachItem"] {
        assert_eq!(
            json["States"][state]["Catch"][0]["Next"], "RefundPayment",
            "{state}"
        );
    }
    assert_eq!(
        json["States"]["ChargePayment"]["Catch"][0]["Next"],
        "ReleaseInventory"
    );
    assert_eq!(json["States"]["ReserveInventory"].get("Catch"), None);
    assert_eq!(json["States"]["RefundPayment"]["Next"], "ReleaseInventory");
    assert_eq!(json["States"]["ReleaseInventory"]["Next"], "Failed");
    assert_eq!(json["States"]["Failed"]["Error"], "{% $error.Error %}");
    // No Pass states anywhere: assignments ride on the states around them.
    assert!(!machine.to_json().contains("\"Type\":\"Pass\""));
}

#[test]
fn polling_is_a_seven_state_loop() {
    let machine = sfn_examples::macros::polling::definition().expect("builds");
    assert_eq!(
        names(&machine),
        [
            "StartQuery",
            "GetQueryState",
            "CheckState",
            "Done",
            "QueryFailed",
            "QueryTimedOut",
            "Wait10Seconds"
        ]
    );
    let json = machine.to_value();
    assert_eq!(json["States"]["Wait10Seconds"]["Next"], "GetQueryState");
    assert_eq!(
        json["States"]["Wait10Seconds"]["Assign"]["attempts"],
        "{% $attempts + 1 %}"
    );
    assert_eq!(
        json["States"]["CheckState"]["Choices"][2]["Condition"],
        "{% $attempts + 1 >= 60 %}"
    );
}
