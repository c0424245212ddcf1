//! `elasticmapreduce:addStep`.

use serde_json::json;

use super::{allow, document, expected, policy, sync_rule};
use crate::prelude::*;

const STEP: &[&str] = &[
    "elasticmapreduce:AddJobFlowSteps",
    "elasticmapreduce:DescribeStep",
    "elasticmapreduce:CancelSteps",
];

#[test]
fn a_step_run_to_completion_gets_its_cluster_and_the_managed_rule() {
    let step = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:addStep.sync",
            "Parameters": {"ClusterId": "j-2AXXXXXXGAPLF",
                           "Step": {"Name": "Aggregate", "HadoopJarStep": {"Jar": "command-runner.jar"}}},
            "End": true}"#,
    );
    assert_eq!(
        step,
        expected(
            &[
                allow(
                    STEP,
                    &[
                        "arn:aws:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/j-2AXXXXXXGAPLF"
                    ]
                ),
                sync_rule("StepFunctionsGetEventForEMRAddJobFlowStepsRule"),
            ],
            &[]
        )
    );
}

#[test]
fn an_added_step_gets_no_rule_and_a_cluster_by_substitution() {
    let step = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:addStep",
            "Parameters": {"ClusterId": "${ClusterId}", "Step": {}}, "End": true}"#,
    );
    assert_eq!(
        step,
        expected(
            &[allow(
                STEP,
                &["arn:aws:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/${ClusterId}"]
            )],
            &[]
        )
    );
}

#[test]
fn the_typed_integration_with_a_computed_cluster() {
    let add = emr::AddStep::new(
        Arg::input_field("ClusterId"),
        json!({"Name": "Aggregate", "HadoopJarStep": {"Jar": "command-runner.jar"}}),
    )
    .execution_role_arn("${StepRoleArn}")
    .wait_for_completion();
    let machine = StateMachine::builder()
        .start(TaskState::call("Aggregate", add))
        .build()
        .expect("valid machine");
    assert_eq!(
        policy(&machine).to_json(),
        expected(
            &[sync_rule("StepFunctionsGetEventForEMRAddJobFlowStepsRule")],
            &[(
                "Aggregate",
                STEP,
                "`ClusterId` is computed at run time (the CDK grants `cluster/*` whatever the cluster)"
            )]
        )
    );
}
