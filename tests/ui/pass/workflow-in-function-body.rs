//! Workflows and tasks can be declared inside a function body.

use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

fn main() {
    #[derive(Serialize, Deserialize, Payload)]
    struct Ping {
        host: String,
    }

    #[task(resource = "arn:aws:states:::http:invoke")]
    fn ping(host: &str) -> Ping;

    #[workflow]
    fn monitor(target: Ping) -> Ping {
        ping(&target.host)
    }

    let machine = monitor::definition().expect("builds");
    assert_eq!(machine.start_at, "Ping");
}
