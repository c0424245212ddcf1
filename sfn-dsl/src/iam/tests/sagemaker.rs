//! `sagemaker:createTrainingJob`.

use serde_json::json;

use super::{allow, document, expected, policy, sync_rule};
use crate::prelude::*;

const TRAIN: &[&str] = &[
    "sagemaker:CreateTrainingJob",
    "sagemaker:DescribeTrainingJob",
    "sagemaker:StopTrainingJob",
];

fn pass_role(role: &str) -> serde_json::Value {
    json!({
        "Effect": "Allow",
        "Action": "iam:PassRole",
        "Resource": role,
        "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}
    })
}

#[test]
fn a_job_run_to_completion_gets_its_name_prefix_its_role_and_the_managed_rule() {
    let train = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
            "Parameters": {"TrainingJobName": "churn", "RoleArn": "arn:aws:iam::123456789012:role/SageMaker",
                           "AlgorithmSpecification": {"TrainingImage": "xgboost", "TrainingInputMode": "File"},
                           "OutputDataConfig": {"S3OutputPath": "s3://models/"},
                           "ResourceConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 10},
                           "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
            "End": true}"#,
    );
    assert_eq!(
        train,
        expected(
            &[
                allow(
                    TRAIN,
                    &["arn:aws:sagemaker:${AWS::Region}:${AWS::AccountId}:training-job/churn*"]
                ),
                allow(&["sagemaker:ListTags"], &["*"]),
                pass_role("arn:aws:iam::123456789012:role/SageMaker"),
                sync_rule("StepFunctionsGetEventsForSageMakerTrainingJobsRule"),
            ],
            &[]
        )
    );
}

#[test]
fn a_started_job_gets_no_rule_and_a_role_by_substitution() {
    let train = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob",
            "Parameters": {"TrainingJobName": "${JobPrefix}", "RoleArn": "${SageMakerRoleArn}"}, "End": true}"#,
    );
    assert_eq!(
        train,
        expected(
            &[
                allow(
                    TRAIN,
                    &[
                        "arn:aws:sagemaker:${AWS::Region}:${AWS::AccountId}:training-job/${JobPrefix}*"
                    ]
                ),
                allow(&["sagemaker:ListTags"], &["*"]),
                pass_role("${SageMakerRoleArn}"),
            ],
            &[]
        )
    );
}

#[test]
fn computed_names_and_roles_are_listed() {
    let train = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob",
            "Parameters": {"TrainingJobName.$": "$.name", "RoleArn.$": "$.role"}, "End": true}"#,
    );
    assert_eq!(
        train,
        expected(
            &[allow(&["sagemaker:ListTags"], &["*"])],
            &[
                (
                    "T",
                    TRAIN,
                    "`TrainingJobName` is computed at run time (the CDK grants `training-job/*` in that case)"
                ),
                ("T", &["iam:PassRole"], "`RoleArn` is computed at run time"),
            ]
        )
    );
    let no_role = policy(&super::one_task(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob",
            "Parameters": {"TrainingJobName": "churn"}, "End": true}"#,
    ));
    assert_eq!(
        no_role.unresolved[0].reason,
        "the task input has no `RoleArn`"
    );
}

#[test]
fn the_typed_integration_run_to_completion() {
    let train = sagemaker::CreateTrainingJob::new(
        Arg::input_field("jobName"),
        "${SageMakerRoleArn}",
        json!({"S3OutputPath": "s3://models/churn/"}),
    )
    .algorithm_specification(
        json!({"TrainingImage": "${XgboostImageUri}", "TrainingInputMode": "File"}),
    )
    .resource_config(
        json!({"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 10}),
    )
    .stopping_condition(json!({"MaxRuntimeInSeconds": 3600}))
    .wait_for_completion();
    let machine = StateMachine::builder()
        .start(TaskState::call("Train", train))
        .build()
        .expect("valid machine");
    assert_eq!(
        policy(&machine).to_json(),
        expected(
            &[
                allow(&["sagemaker:ListTags"], &["*"]),
                pass_role("${SageMakerRoleArn}"),
                sync_rule("StepFunctionsGetEventsForSageMakerTrainingJobsRule"),
            ],
            &[(
                "Train",
                TRAIN,
                "`TrainingJobName` is computed at run time (the CDK grants `training-job/*` in that case)"
            )]
        )
    );
}
