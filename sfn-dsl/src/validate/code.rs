//! The stable diagnostic codes: one per kind of problem, with its default severity.

use std::fmt;

use crate::error::ParseIssueKind;

use super::diagnostic::Severity;

macro_rules! codes {
    ($( $(#[$meta:meta])* $variant:ident = $spelling:literal, $severity:ident, $summary:literal; )+) => {
        /// What a [`Diagnostic`](super::Diagnostic) is about. Each code has a stable
        /// kebab-case spelling ([`Code::as_str`]) that tools may match on; codes are only ever
        /// added, never renamed.
        ///
        /// # Examples
        ///
        /// ```
        /// use sfn_dsl::validate::{Code, Severity};
        ///
        /// assert_eq!(Code::UnknownTarget.as_str(), "unknown-target");
        /// assert_eq!(Code::parse("loop-without-wait"), Some(Code::LoopWithoutWait));
        /// assert_eq!(Code::LoopWithoutWait.severity(), Severity::Warning);
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$meta])* $variant, )+
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The stable spelling, such as `unknown-target`.
            ///
            /// # Examples
            ///
            /// ```
            /// use sfn_dsl::validate::Code;
            ///
            /// assert_eq!(Code::MissingStartAt.as_str(), "missing-start-at");
            /// assert!(Code::ALL.iter().all(|code| Code::parse(code.as_str()) == Some(*code)));
            /// ```
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Code::$variant => $spelling, )+
                }
            }

            /// The severity diagnostics of this code have.
            ///
            /// # Examples
            ///
            /// ```
            /// use sfn_dsl::validate::{Code, Severity};
            ///
            /// assert_eq!(Code::DuplicateName.severity(), Severity::Error);
            /// assert_eq!(Code::MissingDefault.severity(), Severity::Warning);
            /// ```
            #[must_use]
            pub fn severity(self) -> Severity {
                match self {
                    $( Code::$variant => Severity::$severity, )+
                }
            }

            /// One line saying what the code means (used for the documentation table).
            ///
            /// # Examples
            ///
            /// ```
            /// use sfn_dsl::validate::Code;
            ///
            /// assert_eq!(Code::EmptyName.summary(), "a state name is empty");
            /// ```
            #[must_use]
            pub fn summary(self) -> &'static str {
                match self {
                    $( Code::$variant => $summary, )+
                }
            }

            /// The code spelled `text`, if there is one.
            ///
            /// # Examples
            ///
            /// ```
            /// use sfn_dsl::validate::Code;
            ///
            /// assert_eq!(Code::parse("unknown-target"), Some(Code::UnknownTarget));
            /// assert_eq!(Code::parse("UnknownTarget"), None); // only the kebab-case spelling
            /// ```
            #[must_use]
            pub fn parse(text: &str) -> Option<Code> {
                match text {
                    $( $spelling => Some(Code::$variant), )+
                    _ => None,
                }
            }
        }
    };
}

codes! {
    /// The text is not valid JSON.
    JsonSyntax = "json-syntax", Error, "the text is not valid JSON";
    /// The text is not YAML, or YAML that JSON cannot hold (YAML input only).
    YamlSyntax = "yaml-syntax", Error, "a YAML definition that is not valid YAML, or YAML with no JSON equivalent: several documents, a tag other than the core schema's (`!Ref`), a key that is a mapping or sequence, `.inf` or `.nan`";
    /// Arrays and objects nest too deeply to be read safely.
    JsonTooDeep = "json-too-deep", Error, "arrays and objects nest more than 256 levels deep";
    /// An object repeats a key (a JSON parser would silently keep one value).
    DuplicateKey = "duplicate-key", Error, "an object repeats a key";
    /// A number literal the model can only hold approximately.
    InexactNumber = "inexact-number", Warning, "a number with more digits or range than a 64-bit integer or float holds (`18446744073709551616`, `0.12345678901234567891`, `1e-400`), which reading and printing the definition changes";
    /// A field the States Language does not define for this object.
    UnknownField = "unknown-field", Error, "a field that this object does not have";
    /// A required field is absent.
    MissingField = "missing-field", Error, "a required field is absent";
    /// A value has the wrong JSON type.
    WrongType = "wrong-type", Error, "a value has the wrong JSON type";
    /// A value the structure cannot hold (an unknown `Type`, a negative count).
    InvalidValue = "invalid-value", Error, "a value of the right type that is not allowed (unknown `Type`, negative count)";
    /// Two fields that exclude each other are both present.
    ConflictingFields = "conflicting-fields", Error, "two fields that exclude each other are both set";
    /// The definition is larger than the 1 MB quota.
    DefinitionTooLarge = "definition-too-large", Error, "the definition exceeds the 1,048,576-byte quota";
    /// `Version` is not `"1.0"`.
    UnsupportedVersion = "unsupported-version", Error, "`Version` is not `\"1.0\"`";
    /// `StartAt` names no state of its state list.
    MissingStartAt = "missing-start-at", Error, "`StartAt` names no state of its state list";
    /// A transition names a state that does not exist.
    UnknownTarget = "unknown-target", Error, "`Next`, `Default` or a catcher's `Next` names no state";
    /// A transition names a state of another state list (into or out of a branch or processor).
    TargetOutOfScope = "target-out-of-scope", Error, "a transition leaves its Parallel branch or Map processor, or enters another one";
    /// No transition path leads from `StartAt` to the state, and no transition names it.
    Unreachable = "unreachable", Error, "no transition leads to the state, so it never runs";
    /// No transition path leads from `StartAt` to the state, though states that are never
    /// reached themselves lead to it (a loop or path nothing enters).
    ReachedOnlyFromUnreachable = "reached-only-from-unreachable", Warning, "only states that are never reached lead to the state (a loop or path nothing enters)";
    /// No terminal state can be reached from `StartAt`.
    NoReachableTerminal = "no-reachable-terminal", Error, "no Succeed, Fail or `\"End\": true` state is reachable from `StartAt`";
    /// Two states share a name (names are unique across the whole machine).
    DuplicateName = "duplicate-name", Error, "two states share a name, nested branches and processors included";
    /// A state name longer than 80 characters.
    NameTooLong = "name-too-long", Error, "a state name is longer than 80 characters";
    /// An empty state name.
    EmptyName = "empty-name", Error, "a state name is empty";
    /// A field of the other query language.
    QueryLanguageField = "query-language-field", Error, "a JSONPath-only field in a JSONata state, or a JSONata-only field in a JSONPath state";
    /// A JSONPath state in a machine whose top-level `QueryLanguage` is JSONata.
    QueryLanguageDowngrade = "query-language-downgrade", Error, "a JSONPath state or state list inside a machine whose `QueryLanguage` is JSONata";
    /// A number outside the range the field allows.
    OutOfRange = "out-of-range", Error, "a number outside the range the field allows";
    /// A keyword (`Mode`, `JitterStrategy`, `InputType`, …) that AWS does not define.
    UnknownKeyword = "unknown-keyword", Error, "an enumerated setting (`Mode`, `JitterStrategy`, `InputType`, …) with an unknown value";
    /// An array that must not be empty is empty.
    EmptyArray = "empty-array", Error, "`Choices`, `Branches`, `And`, `Or` or `ErrorEquals` is empty";
    /// `HeartbeatSeconds` is not smaller than `TimeoutSeconds`.
    HeartbeatNotBelowTimeout = "heartbeat-not-below-timeout", Error, "`HeartbeatSeconds` is not smaller than `TimeoutSeconds`";
    /// A Task `Resource` that is not an ARN.
    InvalidResource = "invalid-resource", Error, "a `Resource` that is not an ARN (nor a `${…}` placeholder), an ARN with whitespace or fewer than six parts, or an AWS SDK integration that is not `aws-sdk:<service>:<action>` with a well-formed service and action";
    /// A timestamp that is not RFC 3339.
    InvalidTimestamp = "invalid-timestamp", Error, "a timestamp that is not RFC 3339 (`2024-01-31T12:00:00Z`)";
    /// A `StringMatches` pattern with an invalid escape.
    InvalidPattern = "invalid-pattern", Error, "a `StringMatches` pattern with a backslash not followed by `*` or `\\`";
    /// `States.ALL` shares its `ErrorEquals` or is not in the last retrier or catcher.
    StatesAllMisplaced = "states-all-misplaced", Error, "`States.ALL` is not alone in its `ErrorEquals` or not in the last retrier or catcher";
    /// A Distributed Map field on an inline Map.
    DistributedOnlyField = "distributed-only-field", Error, "`ItemReader`, `ItemBatcher`, `ResultWriter`, `Label` or a tolerated-failure field on an inline Map";
    /// A Map `Label` AWS rejects.
    InvalidLabel = "invalid-label", Error, "a Map `Label` that is empty, longer than 40 characters or holds a forbidden character";
    /// Two Map states with the same `Label`.
    DuplicateLabel = "duplicate-label", Error, "two Map states of the definition have the same `Label` (AWS: `DUPLICATE_LABEL_NAME`)";
    /// An `Assign` key that is not a valid variable name.
    InvalidVariableName = "invalid-variable-name", Error, "an `Assign` key that is not a valid variable name";
    /// An inner scope assigns a variable an outer scope also assigns.
    VariableShadowing = "variable-shadowing", Error, "a branch or processor assigns a variable that an enclosing scope assigns";
    /// A malformed JSONPath path.
    InvalidPath = "invalid-path", Error, "a malformed JSONPath path";
    /// A path that must select exactly one node does not, or names what it must not.
    InvalidReferencePath = "invalid-reference-path", Error, "a reference path with wildcards, filters or unions, or a `ResultPath` into the context object or a variable";
    /// A malformed or unknown intrinsic function call.
    InvalidIntrinsic = "invalid-intrinsic", Error, "a malformed intrinsic function call, an unknown function, a wrong number of arguments, or a literal argument AWS refuses (`States.JsonMerge` with `true`)";
    /// A malformed JSONata expression.
    InvalidJsonata = "invalid-jsonata", Error, "a malformed JSONata expression inside `{% %}`";
    /// `$states.result` where the state has no result yet, or none at all.
    MisplacedStatesResult = "misplaced-states-result", Error, "`$states.result` outside the `Output` and `Assign` of a Task, Map or Parallel state (in `Arguments`, say)";
    /// `$states.errorOutput` outside a catcher.
    MisplacedStatesErrorOutput = "misplaced-states-error-output", Error, "`$states.errorOutput` outside the `Output` and `Assign` of a catcher";
    /// A JSONata expression that reads the input document, which Step Functions does not give it.
    JsonataInputReference = "jsonata-input-reference", Error, "a top-level `$`, `$.field` or bare field name in a JSONata expression, which has no input document (use `$states.input`)";
    /// `$$` in a JSONata expression.
    JsonataRootReference = "jsonata-root-reference", Error, "`$$` in a JSONata expression, which Step Functions forbids";
    /// A JSONata binding of the reserved `$states`.
    JsonataBindsStates = "jsonata-binds-states", Error, "a JSONata expression that binds `$states` with `:=`";
    /// A payload template problem: a non-string `.$` value, or a key present with and without `.$`.
    InvalidPayloadTemplate = "invalid-payload-template", Error, "a `.$` field whose value is not a string, or a key written both with and without `.$`";
    /// A payload that must be an object is not one.
    PayloadNotObject = "payload-not-object", Error, "`ResultSelector` or `Credentials` is not an object";
    /// A JSONPath payload template that is not an object.
    TemplateNotObject = "template-not-object", Warning, "a JSONPath `Parameters`, `ItemSelector` or `BatchInput` that is not an object (the States Language defines payload templates as objects; AWS accepts other JSON, which it passes on as written)";
    /// An integration pattern the service does not support, or a misspelt one.
    UnsupportedIntegrationPattern = "unsupported-integration-pattern", Error, "a Task `Resource` with an integration pattern its service does not support (`lambda:invoke.sync`, `dynamodb:putItem.waitForTaskToken`, `.sync` on an AWS SDK integration) or a misspelt pattern suffix";
    /// An optimized integration's action that the service's integration does not have.
    UnknownIntegrationAction = "unknown-integration-action", Error, "a Task `Resource` `arn:aws:states:::service:action` whose action the service's optimized integration does not have (`lambda:invok`, `dynamodb:query`); checked for every optimized integration: API Gateway, Athena, Batch, Bedrock, CodeBuild, DataBrew, DynamoDB, ECS, EKS, EMR, EMR on EKS, EMR Serverless, EventBridge, Glue, HTTP, Lambda, MediaConvert, SageMaker, SNS, SQS and Step Functions";
    /// An ARN whose partition AWS does not have.
    UnknownPartition = "unknown-partition", Warning, "a `Resource` ARN whose partition is not one of AWS's (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f`, `aws-eusc`) nor a `${…}` placeholder";
    /// A state machine resource of a template whose definition cannot be read.
    TemplateDefinition = "template-definition", Error, "a state machine resource of a CloudFormation or SAM template whose definition cannot be read: none, two (`Definition` and `DefinitionUri`), one of the wrong type, or a `DefinitionString` whose `Fn::Join` or `Fn::Sub` CloudFormation would refuse";
    /// `DefinitionSubstitutions` the deployment of a template's state machine refuses.
    TemplateSubstitution = "template-substitution", Error, "a `DefinitionSubstitutions` value the deployment refuses: a list, a map, null or a number that is not an integer (the resource takes strings, integers and booleans); a value that makes the definition's text invalid JSON (or YAML) once written in, since the deployment writes the value's text as it is (a `\"` or a `\\` inside a JSON string); or keys whose values name each other (`A: ${A}`), so that the replacement, repeated until nothing changes, never settles";
    /// A placeholder no `DefinitionSubstitutions` key names.
    UnknownSubstitution = "unknown-substitution", Warning, "a `${Name}` placeholder in a string when the machine's `DefinitionSubstitutions` are known (a template's state machine) and none of their keys is `Name`: the deployment leaves it as written (Terraform's `templatefile()`, given its variables as the keys, fails); or, in a template, a `${Name}` inside an `Fn::Sub` that names no variable of its map, parameter, resource or pseudo parameter (never a `DefinitionSubstitutions` key): CloudFormation refuses the template";
    /// A `${Name}` placeholder written as a JSON string where a number belongs.
    QuotedPlaceholder = "quoted-placeholder", Warning, "a `${Name}` placeholder written as a string (`\"TimeoutSeconds\": \"${Timeout}\"`) in a field that must be a number: the deployment replaces the text only, so AWS gets the string `\"30\"` and refuses it (a template's `Definition` is written as JSON first, so there even a YAML plain scalar is a string); write the placeholder unquoted: a plain scalar in a YAML definition file (`TimeoutSeconds: ${Timeout}`), or bare in a `DefinitionString` (`\"TimeoutSeconds\": ${Timeout}`)";
    /// A YAML plain scalar that YAML 1.1 loaders read otherwise (YAML input only).
    Yaml11Reading = "yaml-1-1-reading", Warning, "a YAML plain scalar that YAML 1.1 loaders, such as the SAM transform that reads `DefinitionUri` files, read otherwise than YAML 1.2: `yes`/`no`/`on`/`off` (a state named `No` becomes `false`), `010` (octal), `0b101` (binary), `-0x1F` and `0x1_0` (hexadecimal), `1:30` (base 60), `1_000`";
    /// A YAML alias or merge key in a definition written in a YAML template: CloudFormation
    /// accepts neither in templates.
    TemplateYamlAlias = "template-yaml-alias", Warning, "a YAML alias (`*name`) or merge key (`<<`) in a definition written in a template, which CloudFormation does not accept in templates";
    /// An optimized-integration `Resource` naming a service that has none.
    UnknownIntegrationService = "unknown-integration-service", Warning, "a Task `Resource` `arn:aws:states:::service:action` whose service is not among AWS's optimized integrations (`arn:aws:states:::lamda:invoke`), which AWS refuses unless it added the service after this table, or an AWS SDK integration under the optimized integration's name of a service the SDK names otherwise (`aws-sdk:states:` for `aws-sdk:sfn:`) or with an action not in camelCase";
    /// A request of an optimized integration that leaves out a field its API requires.
    MissingRequestField = "missing-request-field", Warning, "the request of an optimized integration, written out as an object, leaves out a field the API requires (`TopicArn` and `Message` of `sns:publish`, `FunctionName` of `lambda:invoke`, …), so every call fails";
    /// A literal request value the integration's API refuses.
    RequestValueOutOfRange = "request-value-out-of-range", Warning, "a literal value of an optimized integration's request outside the range its API accepts (an EventBridge `putEvents` with no `Entries` or more than 10, an SQS `DelaySeconds` over 900), so every call fails";
    /// A construct the chosen workflow type does not support.
    UnsupportedByWorkflowType = "unsupported-by-workflow-type", Error, "a construct Express workflows do not support (`.sync`, `.waitForTaskToken`, activities)";
    /// A cycle of states that contains no Wait state.
    LoopWithoutWait = "loop-without-wait", Warning, "a cycle of states with no Wait state (and no task that waits), which may spin";
    /// States from which no transition leads to an end.
    NoPathToEnd = "no-path-to-end", Warning, "reachable states from which no transition leads to a Succeed, Fail or `End` state, so an execution that gets there runs until it fails or times out";
    /// A retrier whose retries can take longer than an execution may run.
    UnboundedRetry = "unbounded-retry", Warning, "a retrier whose delays add up to more than a year, or that retries an uncatchable error";
    /// A Task that may wait for ever.
    TaskWithoutTimeout = "task-without-timeout", Warning, "a callback, activity or `.sync` Task with neither `TimeoutSeconds` nor `HeartbeatSeconds`";
    /// A `TimeoutSeconds` longer than the integration lets a Task run.
    IntegrationTimeLimit = "integration-time-limit", Warning, "a `TimeoutSeconds` longer than the integration lets its Task run (15 minutes for Bedrock AgentCore `invokeHarness`), which the timeout cannot extend";
    /// A callback Task whose request never passes its task token.
    CallbackWithoutToken = "callback-without-token", Warning, "a `.waitForTaskToken` Task whose request never passes `$$.Task.Token` (`$states.context.Task.Token`), so nothing can answer it and it can only time out";
    /// A Task that reads a task token it does not have.
    TaskTokenUnavailable = "task-token-unavailable", Warning, "a Task that is neither a callback (`.waitForTaskToken`), a `.sync` task nor an activity and reads `$$.Task.Token` (`$states.context.Task.Token`), which only those have, so the read fails at run time";
    /// A payload that exceeds, or may exceed, the 256 KiB limit.
    PayloadTooLarge = "payload-too-large", Warning, "a literal payload over 256 KiB (a variable, or the values of one `Assign` together, included), or a Distributed Map that reads a dataset without `ResultWriter`";
    /// A construct whose workflow type matters (Express limits).
    WorkflowTypeLimit = "workflow-type-limit", Warning, "a duration over the 5 minutes an Express execution may run (a timeout, a Wait, the waits of a retrier), or a `.sync`/callback Task in an Express child workflow";
    /// A deprecated field.
    DeprecatedField = "deprecated-field", Warning, "a deprecated field (`Iterator`, Map `Parameters`)";
    /// An error name starting with `States.` that is not predefined.
    UnknownStatesError = "unknown-states-error", Warning, "an error name starting with `States.` that the States Language does not define, in `ErrorEquals` or raised by a Fail state";
    /// A retrier or catcher that can never match.
    UnreachableHandler = "unreachable-handler", Warning, "a retrier or catcher that an earlier one always pre-empts (by name; through `States.TaskFailed`, which matches every error but `States.Timeout`; or, in a Task, a `States.HeartbeatTimeout` after a `States.Timeout`, as a missed heartbeat raises `States.Timeout`), or that names `States.Runtime`";
    /// A Choice state without `Default`.
    MissingDefault = "missing-default", Warning, "a Choice state without `Default` fails with `States.Runtime` when no rule matches";
    /// JSONPath syntax inside a JSONata state, where it is a literal.
    JsonPathSyntaxInJsonata = "jsonpath-syntax-in-jsonata", Warning, "a key ending in `.$` in a JSONata state, which is copied literally";
    /// JSONata syntax inside a JSONPath state, where it is a literal.
    JsonataSyntaxInJsonPath = "jsonata-syntax-in-jsonpath", Warning, "a `{% %}` string in a JSONPath state's string field, which is not evaluated";
    /// A string of a JSONata state that looks like an expression but is not one.
    JsonataLikeLiteral = "jsonata-like-literal", Warning, "a string in a JSONata state's payload (`Output`, `Arguments`, `Assign`, `Items`, `ItemSelector`, …) that holds `{%` but is not an expression: blanks or text around `{% … %}`, or no closing `%}`; it is passed on as literal text";
    /// A Distributed Map child reads a variable of the parent workflow.
    OuterVariableInDistributedMap = "outer-variable-in-distributed-map", Warning, "a Distributed Map child reads a variable assigned outside it, which child executions cannot see";
    /// A JSONata call of a function Step Functions does not provide.
    UnknownJsonataFunction = "unknown-jsonata-function", Warning, "a JSONata call of a function Step Functions does not provide (`$eval`, or a name that is no built-in), which fails when evaluated";
    /// A JSONata read of a field `$states` does not have.
    UnknownStatesField = "unknown-states-field", Warning, "a JSONata read of a `$states` field other than `input`, `context`, `result` and `errorOutput` (`$states.inputs`), which is undefined, so the expression fails with `States.QueryEvaluationError` unless it tests for it";
    /// A JSONata expression whose result can never have the kind its field needs.
    JsonataResultType = "jsonata-result-type", Warning, "a JSONata expression that can only yield a value of the wrong kind for its field (a string for `Seconds`, a number for `Condition`), which fails whenever the state runs";
    /// A JSONata expression that reads nothing and whose value its field refuses.
    JsonataInvalidValue = "jsonata-invalid-value", Warning, "a JSONata expression that reads nothing and whose value its field refuses (`\"Seconds\": \"{% -5 %}\"`, a `Timestamp` that is not RFC 3339), which fails whenever the state runs";
    /// A JSONata operator whose operand can never have a kind it accepts, or a built-in
    /// function call its signature refuses.
    JsonataTypeError = "jsonata-type-error", Warning, "a JSONata operator applied to a value it refuses whatever the input (`'a' + 1`, `$count(x) > '3'`), or a built-in function called with arguments its signature refuses (`$substring(s, '1')`), which fails whenever it is evaluated";
    /// A JSONata call of a built-in function where a variable of that name may be set.
    VariableHidesFunction = "variable-hides-function", Warning, "a JSONata call of a built-in function (`$count(…)`) in a state where a variable of the same name may be set, which hides the function: the call fails";
    /// A read of a variable that no state assigns before it.
    UnassignedVariable = "unassigned-variable", Warning, "a variable read (JSONPath `$name`, JSONata `$name`) that no state assigns on any path before it";
}

impl Code {
    /// The code of a problem found while reading the definition.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::ParseIssueKind;
    /// use sfn_dsl::validate::Code;
    ///
    /// assert_eq!(Code::from_parse_kind(ParseIssueKind::DuplicateKey), Code::DuplicateKey);
    /// assert_eq!(Code::from_parse_kind(ParseIssueKind::Syntax), Code::JsonSyntax);
    /// ```
    #[must_use]
    pub fn from_parse_kind(kind: ParseIssueKind) -> Self {
        match kind {
            ParseIssueKind::Syntax => Self::JsonSyntax,
            ParseIssueKind::TooDeep => Self::JsonTooDeep,
            ParseIssueKind::DuplicateKey => Self::DuplicateKey,
            ParseIssueKind::UnknownField => Self::UnknownField,
            ParseIssueKind::MissingField => Self::MissingField,
            ParseIssueKind::WrongType => Self::WrongType,
            ParseIssueKind::InvalidValue => Self::InvalidValue,
            ParseIssueKind::ConflictingFields => Self::ConflictingFields,
            ParseIssueKind::Yaml => Self::YamlSyntax,
            ParseIssueKind::Substitution => Self::TemplateSubstitution,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Code;
    use crate::error::ParseIssueKind;

    #[test]
    fn spellings_are_unique_and_parse_back() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert_eq!(Code::parse(code.as_str()), Some(*code));
        }
        assert_eq!(Code::parse("no-such-code"), None);
    }

    #[test]
    fn parse_kinds_keep_their_spelling() {
        for kind in [
            ParseIssueKind::Syntax,
            ParseIssueKind::DuplicateKey,
            ParseIssueKind::ConflictingFields,
            ParseIssueKind::Yaml,
            ParseIssueKind::Substitution,
        ] {
            assert_eq!(Code::from_parse_kind(kind).as_str(), kind.code());
        }
    }
}
