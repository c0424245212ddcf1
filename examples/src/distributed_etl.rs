//! Distributed Map ETL: transform every row of a CSV file in S3 in batches, tolerating a
//! few bad batches, and write the results back to S3.

use sfn_dsl::patterns::DistributedEtl;
use sfn_dsl::prelude::*;

/// The ETL workflow.
///
/// # Errors
///
/// Never in practice; building checks the machine.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    let transform = TaskState::lambda_invoke("Transform batch", "${TransformFunctionArn}")
        .output_path("$.Payload")
        .retry(Retrier::builder(ErrorName::lambda_transient()).max_attempts(2));
    let etl = DistributedEtl::new(
        "Transform rows",
        ItemReader::s3_object("${InputBucket}", Arg::input_field("key")).csv(),
        transform,
    )
    .batch_size(1_000)
    .write_results(
        ResultWriter::s3("${OutputBucket}", "transformed/")
            .output_type(OutputType::Jsonl)
            .transformation(WriterTransformation::Compact),
    )
    .tolerated_failure_percentage(5)
    .max_concurrency(100)
    .label("transform")
    .result_path("$.results");
    let summarize =
        TaskState::lambda_invoke("Summarize", "${SummarizeFunctionArn}").result_path("$.summary");
    let machine = StateMachine::builder()
        .comment("Transform a CSV file with a Distributed Map")
        .start(
            Chain::from(etl)
                .next(summarize)
                .next(SucceedState::builder("Done")),
        )
        .build()?;
    Ok(machine)
}
