//! The generated definitions are current, valid, and every substitution they use is
//! provided by `template.yaml`.

use std::path::Path;

fn package_file(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
        .unwrap_or_else(|error| panic!("{name}: {error}"))
}

#[test]
fn the_generated_json_is_the_definition() {
    let machine = sfn_sam_app::machines::order_processing();
    let mut expected = machine.to_json_pretty();
    expected.push('\n');
    assert_eq!(
        package_file("statemachines/order-processing.asl.json"),
        expected
    );
    let yaml = package_file("statemachines/order-processing.asl.yaml");
    assert_eq!(yaml, sfn_dsl::build::to_yaml(&machine.to_value()));
    assert!(yaml.starts_with(
        "Comment: \"Charge, record and announce an order\"\nStartAt: \"ChargeCard\"\n"
    ));
}

#[test]
fn the_definition_validates_cleanly() {
    let text = package_file("statemachines/order-processing.asl.json");
    let report = sfn_dsl::validate::validate_str(&text);
    assert!(report.is_clean(), "{report}");
}

#[test]
fn the_template_substitutes_every_placeholder() {
    let machine = sfn_sam_app::machines::order_processing();
    let needed = sfn_sam_app::substitutions(&machine);
    assert_eq!(
        needed,
        [
            "Partition",
            "ChargeFunctionArn",
            "OrdersTableName",
            "OrderTopicArn"
        ]
    );
    let template = package_file("template.yaml");
    let section = template
        .split("DefinitionSubstitutions:\n")
        .nth(1)
        .expect("a DefinitionSubstitutions section");
    let provided: Vec<&str> = section
        .lines()
        .take_while(|line| line.starts_with("        "))
        .filter_map(|line| line.trim().split(':').next())
        .collect();
    assert_eq!(provided, needed);
    assert!(template.contains("DefinitionUri: statemachines/order-processing.asl.json"));
}
