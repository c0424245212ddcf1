"""Writes a crate whose lib.rs declares 42 tasks and, with `--workflow`, one workflow of
about 50 states that calls them (ifs, waits, a parallel, a loop). `--blocks N` (default 7)
repeats the if/wait block N times, with as many more tasks as that needs, to measure how
the cost grows with the workflow."""
import sys

with_workflow = "--workflow" in sys.argv
blocks = int(sys.argv[sys.argv.index("--blocks") + 1]) if "--blocks" in sys.argv else 7
task_count = max(42, 4 * blocks + 3)
out = []
out.append("#![allow(missing_docs, dead_code, unused_imports)]")
out.append("use std::time::Duration;")
out.append("use serde::{Deserialize, Serialize};")
out.append("use sfn_dsl::{Payload, task, workflow};")
out.append("#[derive(Serialize, Deserialize, Payload)] #[serde(rename_all = \"camelCase\")] pub struct Order { pub order_id: String, pub total: f64, pub items: Vec<String>, pub express: bool }")
out.append("#[derive(Serialize, Deserialize, Payload)] pub struct Step { pub ok: bool, pub score: f64 }")
for i in range(task_count):
    out.append(f'#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:step{i}")] pub fn step_{i}(order: &Order) -> Step;')
if with_workflow:
    body = ["#[workflow(timeout_secs = 3600)]", "pub fn fifty(order: Order) -> f64 {", "    let mut score = 0.0;"]
    i = 0
    for block in range(blocks):
        body.append(f"    let r{i} = step_{i}(&order);"); i += 1
        body.append(f"    if r{i-1}.ok && order.total > {block}.0 {{")
        body.append(f"        let r{i} = step_{i}(&order);"); i += 1
        body.append(f"        score = score + r{i-1}.score;")
        body.append("    } else {")
        body.append(f"        step_{i}(&order);"); i += 1
        body.append("    }")
        body.append(f"    step_{i}(&order);"); i += 1
        body.append(f"    sleep(Duration::from_secs({block + 1}));")
    body.append(f"    let (a, b) = parallel!(step_{i}(&order), step_{i+1}(&order));"); i += 2
    body.append("    for item in order.items {")
    body.append(f"        step_{i}(&order);"); i += 1
    body.append("    }")
    while i < task_count:
        body.append(f"    step_{i}(&order);"); i += 1
    body.append("    score + a.score + b.score")
    body.append("}")
    out.extend(body)
print("\n".join(out))
