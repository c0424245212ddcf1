#!/usr/bin/env python3
"""crosscheck.py: run our example workflows through `sfn run` and the peer executors
(aws-local-stepfunctions, moto) with the same mocks, and print a markdown table of where they
agree. Needs the peers (../shared/peers/setup) and `sfn` (cargo build -p sfn-cli).

Every Task's Resource is rewritten to a Lambda function named after the state (moto runs
only Lambda tasks), so mocks return the function's result directly; `${...}` placeholders
become fixed strings. Cases: cases.json beside this script."""
import json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../../.."))
PEERS = os.environ.get("PEERS_DIR", "/work/shared/peers")
SFN = os.environ.get("SFN", os.path.join(ROOT, "target/debug/sfn"))

def lambda_name(state):
    return re.sub(r"[^A-Za-z0-9-_]", "-", state)

def rewrite(node, states_seen):
    if isinstance(node, dict):
        if node.get("Type") == "Task":
            if node.get("Resource", "").endswith(":lambda:invoke"):
                states_seen.add(node["_name"])
            node["Resource"] = "arn:aws:lambda:us-east-1:123456789012:function:" + lambda_name(node["_name"])
            node.pop("Parameters", None) if node.get("_drop_parameters") else None
        for key, value in list(node.items()):
            if key == "States" and isinstance(value, dict):
                for name, state in value.items():
                    state["_name"] = name
            rewrite(value, states_seen)
        node.pop("_name", None)
    elif isinstance(node, list):
        for item in node:
            rewrite(item, states_seen)
    return node

def strip_placeholders(text):
    return re.sub(r"\$\{([A-Za-z0-9:]+)\}", r"placeholder-\1", text)

def run(cmd):
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    line = [l for l in result.stdout.strip().splitlines() if l.startswith("{")]
    if not line:
        return {"status": "ERROR", "error": (result.stderr.strip().splitlines() or ["?"])[-1][:120]}
    return json.loads(line[-1])

def main():
    cases = json.load(open(os.path.join(HERE, "cases.json")))
    work = tempfile.mkdtemp()
    print("| case | sfn-local | aws-local-stepfunctions | moto | agreement |")
    print("|---|---|---|---|---|")
    for case in cases:
        definition = json.loads(strip_placeholders(open(os.path.join(ROOT, case["definition"])).read())) \
            if case["definition"].endswith(".json") else None
        if definition is None:
            binary = os.path.join(ROOT, "target/debug/examples", case["definition"])
            command = [binary] if os.path.exists(binary) else \
                ["cargo", "run", "-q", "-p", "sfn-examples", "--example", case["definition"]]
            text = subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stdout
            definition = json.loads(strip_placeholders(text))
        invoke_states = set()
        definition = rewrite(definition, invoke_states)
        path = os.path.join(work, case["name"] + ".asl.json")
        json.dump(definition, open(path, "w"))
        input_path = os.path.join(work, case["name"] + ".input.json")
        json.dump(case.get("input", {}), open(input_path, "w"))
        peer_mocks, responses, test_case = [], {}, {}
        def wrap(answer, state):
            # lambda:invoke returns {"StatusCode", "Payload"}; the rewritten function ARN
            # returns the raw result, so the mock carries the wrapper.
            if state in invoke_states and not ("Throw" in answer):
                return {"StatusCode": 200, "Payload": answer.get("Return", answer)}
            return answer
        for state, answers in case.get("mocks", {}).items():
            if isinstance(answers, list):
                # The peers' sequence form needs every element as {"Return"} or {"Throw"}.
                answers = [a if "Throw" in a else {"Return": wrap(a, state).get("Return", wrap(a, state))} for a in answers]
            else:
                answers = wrap(answers, state)
            mock_path = os.path.join(work, f"{case['name']}.{lambda_name(state)}.json")
            json.dump(answers, open(mock_path, "w"))
            peer_mocks += ["--mock", f"{state}={mock_path}"]
            ranges = {}
            for index, answer in enumerate(answers if isinstance(answers, list) else [answers]):
                key = str(index) if index < len(answers if isinstance(answers, list) else [answers]) - 1 else f"{index}-999"
                ranges[key] = answer if ("Throw" in answer or "Return" in answer) else {"Return": answer}
            responses[state + "Response"] = ranges
            test_case[state] = state + "Response"
        config_path = os.path.join(work, case["name"] + ".mocks.json")
        json.dump({"StateMachines": {"M": {"TestCases": {"T": test_case}}}, "MockedResponses": responses}, open(config_path, "w"))
        ours = run([SFN, "run", path, "--input", "@" + input_path, "--mock-config", config_path,
                    "--state-machine", "M", "--test-case", "T", "--unmocked", "echo", "--format", "json"])
        local = run([os.path.join(PEERS, "exec-local-sfn"), path, input_path, *peer_mocks, "--json"])
        moto = run([os.path.join(PEERS, "exec-moto"), path, input_path, *peer_mocks, "--json"]) if not case.get("skip_moto") else {"status": "(not run)"}
        def show(result):
            if result.get("status") == "SUCCEEDED":
                return f"SUCCEEDED {json.dumps(result.get('output'), separators=(',', ':'))[:80]}"
            return f"{result.get('status')} {result.get('error') or ''}".strip()
        def key(result):
            return (result.get("status"), json.dumps(result.get("output"), sort_keys=True), result.get("error"), tuple(result.get("states") or ()))
        same_local = key(ours) == key(local)
        same_moto = key(ours) == key(moto)
        verdict = "all agree" if same_local and same_moto else \
            ("local-sfn differs" if same_moto else ("moto differs" if same_local else "both differ"))
        print(f"| {case['name']} | {show(ours)} | {show(local)} | {show(moto)} | {verdict} |")
        if not (same_local and same_moto):
            for label, result in (("sfn-local", ours), ("local-sfn", local), ("moto", moto)):
                print(f"|   ↳ {label} | states: {' '.join(result.get('states') or [])[:150]} | cause: {str(result.get('cause'))[:100]} | | |")

if __name__ == "__main__":
    main()
