//! Amazon SageMaker AI: `sagemaker:createTrainingJob`.

use super::{request_type, wait_for_completion};
use crate::builder::{Arg, Request};

request_type!(
    /// Starts a SageMaker training job (`arn:aws:states:::sagemaker:createTrainingJob`),
    /// typically waiting for it to finish (`.sync`).
    ///
    /// The settings the `CreateTrainingJob` API requires (`TrainingJobName`, `RoleArn`,
    /// `OutputDataConfig`) are constructor arguments; the others are setters, in the
    /// API's shapes: the algorithm (`{"TrainingImage": …, "TrainingInputMode": "File"}`),
    /// the instances (`{"InstanceCount": 1, "InstanceType": …, "VolumeSizeInGB": …}`) and
    /// the stopping condition (`{"MaxRuntimeInSeconds": …}`), which a job trained with an
    /// algorithm resource, or on serverless compute, may leave out.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let train = sagemaker::CreateTrainingJob::new(
    ///     Arg::input_field("jobName"),
    ///     "${SageMakerRoleArn}",
    ///     json!({"S3OutputPath": "s3://models/churn/"}),
    /// )
    /// .algorithm_specification(json!({"TrainingImage": "${XgboostImageUri}", "TrainingInputMode": "File"}))
    /// .resource_config(json!({"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 10}))
    /// .stopping_condition(json!({"MaxRuntimeInSeconds": 3600}))
    /// .hyper_parameters(json!({"objective": "binary:logistic", "num_round": "100"}))
    /// .input_data_config(json!([{
    ///     "ChannelName": "train",
    ///     "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://datasets/churn/train/"}}
    /// }]))
    /// .tags(json!([{"Key": "team", "Value": "growth"}]))
    /// .wait_for_completion();
    /// let machine = StateMachine::builder().start(TaskState::call("Train", train)).build()?;
    /// let task = &machine.to_value()["States"]["Train"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::sagemaker:createTrainingJob.sync");
    /// let parameters = &task["Parameters"];
    /// assert_eq!(parameters["TrainingJobName.$"], "$.jobName");
    /// assert_eq!(parameters["RoleArn"], "${SageMakerRoleArn}");
    /// assert_eq!(parameters["StoppingCondition"], json!({"MaxRuntimeInSeconds": 3600}));
    /// assert_eq!(parameters["HyperParameters"]["num_round"], "100");
    /// assert_eq!(parameters["InputDataConfig"][0]["ChannelName"], "train");
    /// assert_eq!(parameters["Tags"], json!([{"Key": "team", "Value": "growth"}]));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    CreateTrainingJob,
    "sagemaker",
    "createTrainingJob",
    "sagemaker::CreateTrainingJob::new(\"train-1\", \"${RoleArn}\", json!({\"S3OutputPath\": \"s3://models/out\"}))"
);

impl CreateTrainingJob {
    /// Trains the job `training_job_name` as the role `role_arn`, writing the model to
    /// `output_data_config`: the fields the API requires. Serialized as `TrainingJobName`,
    /// `RoleArn` and `OutputDataConfig`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sagemaker::CreateTrainingJob::new("train-1", "${RoleArn}", json!({"S3OutputPath": "s3://models/out"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::sagemaker:createTrainingJob");
    /// assert_eq!(task["Parameters"], json!({"TrainingJobName": "train-1", "RoleArn": "${RoleArn}", "OutputDataConfig": {"S3OutputPath": "s3://models/out"}}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(
        training_job_name: impl Into<Arg>,
        role_arn: impl Into<Arg>,
        output_data_config: impl Into<Arg>,
    ) -> Self {
        Self::from_request(
            Request::with_capacity(6)
                .field_static("TrainingJobName", training_job_name)
                .field_static("RoleArn", role_arn)
                .field_static("OutputDataConfig", output_data_config),
        )
    }

    /// The algorithm: a training image or an algorithm resource, and the input mode
    /// (`{"TrainingImage": …, "TrainingInputMode": "File"}`). Serialized as
    /// `AlgorithmSpecification`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sagemaker::CreateTrainingJob::new("train-1", "${RoleArn}", json!({"S3OutputPath": "s3://models/out"}))
    ///     .algorithm_specification(json!({"TrainingImage": "${Image}", "TrainingInputMode": "File"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["AlgorithmSpecification"], json!({"TrainingImage": "${Image}", "TrainingInputMode": "File"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn algorithm_specification(self, algorithm: impl Into<Arg>) -> Self {
        self.with("AlgorithmSpecification", algorithm)
    }

    /// The instances to train on (`{"InstanceCount": 1, "InstanceType": …,
    /// "VolumeSizeInGB": …}`). Serialized as `ResourceConfig`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sagemaker::CreateTrainingJob::new("train-1", "${RoleArn}", json!({"S3OutputPath": "s3://models/out"}))
    ///     .resource_config(json!({"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 10}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["ResourceConfig"], json!({"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 10}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn resource_config(self, resources: impl Into<Arg>) -> Self {
        self.with("ResourceConfig", resources)
    }

    /// How long the job may run (`{"MaxRuntimeInSeconds": …}`, with
    /// `MaxWaitTimeInSeconds` for Spot training). Serialized as `StoppingCondition`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sagemaker::CreateTrainingJob::new("train-1", "${RoleArn}", json!({"S3OutputPath": "s3://models/out"}))
    ///     .stopping_condition(json!({"MaxRuntimeInSeconds": 3600}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["StoppingCondition"], json!({"MaxRuntimeInSeconds": 3600}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn stopping_condition(self, condition: impl Into<Arg>) -> Self {
        self.with("StoppingCondition", condition)
    }

    /// The algorithm's hyperparameters, names to string values. Serialized as
    /// `HyperParameters`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sagemaker::CreateTrainingJob::new("train-1", "${RoleArn}", json!({"S3OutputPath": "s3://models/out"}))
    ///     .hyper_parameters(json!({"epochs": "10"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["HyperParameters"], json!({"epochs": "10"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn hyper_parameters(self, parameters: impl Into<Arg>) -> Self {
        self.with("HyperParameters", parameters)
    }

    /// The input channels (an array of `Channel` objects). Serialized as
    /// `InputDataConfig`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sagemaker::CreateTrainingJob::new("train-1", "${RoleArn}", json!({"S3OutputPath": "s3://models/out"}))
    ///     .input_data_config(json!([{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3Uri": "s3://data/train"}}}]));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["InputDataConfig"], json!([{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3Uri": "s3://data/train"}}}]));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn input_data_config(self, channels: impl Into<Arg>) -> Self {
        self.with("InputDataConfig", channels)
    }

    /// The subnets and security groups the job runs in (`{"Subnets": […],
    /// "SecurityGroupIds": […]}`). Serialized as `VpcConfig`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sagemaker::CreateTrainingJob::new("train-1", "${RoleArn}", json!({"S3OutputPath": "s3://models/out"}))
    ///     .vpc_config(json!({"Subnets": ["subnet-1"], "SecurityGroupIds": ["sg-1"]}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["VpcConfig"], json!({"Subnets": ["subnet-1"], "SecurityGroupIds": ["sg-1"]}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn vpc_config(self, config: impl Into<Arg>) -> Self {
        self.with("VpcConfig", config)
    }

    /// Environment variables of the training container, names to values. Serialized as
    /// `Environment`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sagemaker::CreateTrainingJob::new("train-1", "${RoleArn}", json!({"S3OutputPath": "s3://models/out"}))
    ///     .environment(json!({"STAGE": "prod"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Environment"], json!({"STAGE": "prod"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn environment(self, environment: impl Into<Arg>) -> Self {
        self.with("Environment", environment)
    }

    /// Tags of the job (an array of `{"Key", "Value"}` objects). Serialized as `Tags`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sagemaker::CreateTrainingJob::new("train-1", "${RoleArn}", json!({"S3OutputPath": "s3://models/out"}))
    ///     .tags(json!([{"Key": "team", "Value": "ml"}]));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Tags"], json!([{"Key": "team", "Value": "ml"}]));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn tags(self, tags: impl Into<Arg>) -> Self {
        self.with("Tags", tags)
    }

    /// Isolates the training container from the network. Serialized as
    /// `"EnableNetworkIsolation": true`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sagemaker::CreateTrainingJob::new("train-1", "${RoleArn}", json!({"S3OutputPath": "s3://models/out"}))
    ///     .enable_network_isolation();
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["EnableNetworkIsolation"], true);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn enable_network_isolation(self) -> Self {
        self.with("EnableNetworkIsolation", true)
    }

    /// Trains on Spot instances (set `MaxWaitTimeInSeconds` in the stopping condition).
    /// Serialized as `"EnableManagedSpotTraining": true`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sagemaker::CreateTrainingJob::new("train-1", "${RoleArn}", json!({"S3OutputPath": "s3://models/out"}))
    ///     .enable_managed_spot_training();
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["EnableManagedSpotTraining"], true);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn enable_managed_spot_training(self) -> Self {
        self.with("EnableManagedSpotTraining", true)
    }

    /// Where Spot training saves and resumes checkpoints (`{"S3Uri": …}`). Serialized as
    /// `CheckpointConfig`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sagemaker::CreateTrainingJob::new("train-1", "${RoleArn}", json!({"S3OutputPath": "s3://models/out"}))
    ///     .checkpoint_config(json!({"S3Uri": "s3://models/checkpoints"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["CheckpointConfig"], json!({"S3Uri": "s3://models/checkpoints"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn checkpoint_config(self, config: impl Into<Arg>) -> Self {
        self.with("CheckpointConfig", config)
    }

    wait_for_completion!(
        Sync,
        ".sync",
        "sagemaker::CreateTrainingJob::new(\"train-1\", \"${RoleArn}\", json!({\"S3OutputPath\": \"s3://models/out\"}))"
    );
}
