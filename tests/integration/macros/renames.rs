//! serde's `rename_all_fields` (on enums: the fields of every struct variant), and its
//! precedence under a variant's own `rename_all`: typed paths and workflows run in
//! `sfn_local` read the JSON serde writes.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sfn_dsl::{Payload, StateMachine, workflow};

#[derive(Clone, Serialize, Deserialize, Payload)]
#[serde(rename_all_fields = "camelCase")]
enum Payment {
    Card {
        card_number: String,
    },
    /// The variant's own rule wins over the enum's `rename_all_fields`.
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    Cash {
        given_amount: i64,
    },
    /// A variant rule for the deserialize side only leaves the serialize side to
    /// `rename_all_fields`, as serde does.
    #[serde(rename_all(deserialize = "kebab-case"))]
    Voucher {
        voucher_code: String,
    },
    /// A field's own `rename` wins over both.
    Transfer {
        #[serde(rename = "IBAN")]
        account_iban: String,
    },
}

/// The `serialize` side of `rename_all_fields(..)`, with internal tagging.
#[derive(Clone, Serialize, Deserialize, Payload)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields(serialize = "PascalCase", deserialize = "camelCase")
)]
enum Delivery {
    HomeAddress {
        street_name: String,
        house_number: u32,
    },
    Pickup {
        locker_id: String,
    },
}

fn run(machine: StateMachine, input: &Value) -> Value {
    let run = sfn_local::Executor::new(machine)
        .run(input.clone())
        .expect("runs");
    run.output
        .unwrap_or_else(|| panic!("{input}: {:?}: {:?}", run.error, run.cause))
}

#[test]
fn paths_follow_rename_all_fields_and_its_precedence() {
    let payment = Payment::path();
    assert_eq!(
        payment.card.card_number.to_json_path().as_str(),
        "$.Card.cardNumber"
    );
    assert_eq!(
        payment.cash.given_amount.to_json_path().as_str(),
        "$.Cash.GIVEN_AMOUNT"
    );
    assert_eq!(
        payment.voucher.voucher_code.to_json_path().as_str(),
        "$.Voucher.voucherCode"
    );
    assert_eq!(
        payment.transfer.account_iban.to_json_path().as_str(),
        "$.Transfer.IBAN"
    );
    let delivery = Delivery::path();
    assert_eq!(
        delivery.home_address.street_name.to_json_path().as_str(),
        "$.StreetName"
    );
    assert_eq!(
        delivery.is_home_address().jsonata_text(),
        "$states.input.kind = 'home_address'"
    );
}

fn describe_payment_in_rust(payment: Payment) -> String {
    match payment {
        Payment::Card { card_number } => format!("card {card_number}"),
        Payment::Cash { given_amount } => format!("cash {given_amount}"),
        Payment::Voucher { voucher_code } => format!("voucher {voucher_code}"),
        Payment::Transfer { account_iban } => format!("transfer {account_iban}"),
    }
}

#[workflow]
fn describe_payment(payment: Payment) -> String {
    match payment {
        Payment::Card { card_number } => format!("card {}", card_number),
        Payment::Cash { given_amount } => format!("cash {}", given_amount),
        Payment::Voucher { voucher_code } => format!("voucher {}", voucher_code),
        Payment::Transfer { account_iban } => format!("transfer {}", account_iban),
    }
}

#[test]
fn workflows_read_struct_variant_fields_as_serde_writes_them() {
    let payments = [
        Payment::Card {
            card_number: "4242".to_owned(),
        },
        Payment::Cash { given_amount: 20 },
        Payment::Voucher {
            voucher_code: "V-1".to_owned(),
        },
        Payment::Transfer {
            account_iban: "DE00".to_owned(),
        },
    ];
    for payment in payments {
        let input = serde_json::to_value(&payment).expect("json");
        let expected = json!(describe_payment_in_rust(payment));
        assert_eq!(run(describe_payment::state_machine(), &input), expected);
    }
}

#[workflow]
fn delivery_label(delivery: Delivery) -> String {
    match delivery {
        Delivery::HomeAddress {
            street_name,
            house_number,
        } => format!("{} {}", street_name, house_number),
        Delivery::Pickup { locker_id } => format!("locker {}", locker_id),
    }
}

#[test]
fn workflows_read_the_serialize_side_of_rename_all_fields() {
    let home = Delivery::HomeAddress {
        street_name: "Main Street".to_owned(),
        house_number: 7,
    };
    let input = serde_json::to_value(&home).expect("json");
    assert_eq!(
        input,
        json!({"kind": "home_address", "StreetName": "Main Street", "HouseNumber": 7})
    );
    assert_eq!(
        run(delivery_label::state_machine(), &input),
        json!("Main Street 7")
    );
    let pickup = Delivery::Pickup {
        locker_id: "L-9".to_owned(),
    };
    let input = serde_json::to_value(&pickup).expect("json");
    assert_eq!(
        run(delivery_label::state_machine(), &input),
        json!("locker L-9")
    );
}

/// Variants whose snake-case names are Rust keywords: their typed paths are `r#type`,
/// `r#box` and `crate_`.
#[derive(Clone, Serialize, Deserialize, Payload)]
enum Token {
    Type { name: String },
    Box(String),
    Crate,
}

fn describe_token_in_rust(token: Token) -> String {
    match token {
        Token::Type { name } => format!("type {name}"),
        Token::Box(content) => format!("box {content}"),
        Token::Crate => "crate".to_owned(),
    }
}

#[workflow]
fn describe_token(token: Token) -> String {
    match token {
        Token::Type { name } => format!("type {}", name),
        Token::Box(content) => format!("box {}", content),
        Token::Crate => "crate".to_owned(),
    }
}

#[test]
fn variants_named_like_keywords_have_typed_paths() {
    let token = Token::path();
    assert_eq!(token.r#type.name.to_json_path().as_str(), "$.Type.name");
    assert_eq!(token.r#box.to_json_path().as_str(), "$.Box");
    for token in [
        Token::Type {
            name: "u8".to_owned(),
        },
        Token::Box("gift".to_owned()),
        Token::Crate,
    ] {
        let input = serde_json::to_value(&token).expect("json");
        let expected = json!(describe_token_in_rust(token));
        assert_eq!(run(describe_token::state_machine(), &input), expected);
    }
}
