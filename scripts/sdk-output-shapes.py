#!/usr/bin/env python3
"""Trims a botocore service model to the output shapes of its operations.

    scripts/sdk-output-shapes.py --service NAME MODEL_PATH COMMIT [-o FILE] [--model DIR/VERSION]

MODEL_PATH is a botocore `botocore/data/<service>/<api version>/service-2.json`; NAME is the
service's name in Step Functions' `arn:aws:states:::aws-sdk:NAME:action` (the AWS SDK for
Java v2 client name, lower-case, e.g. `sfn` for botocore's `stepfunctions`); COMMIT is the
botocore commit the model was read from. The result, written to stdout or FILE, is what the
local TestState needs to check a mocked AWS SDK integration result the way
`fieldValidationMode: STRICT` does:

    {
      "service": NAME,
      "model": "<botocore service dir>/<api version>",
      "source": "botocore COMMIT",
      "operations": {"<action in lowerCamelCase>": "<output shape>", ...},
      "shapes": {"<shape>": {"type": ..., ...}, ...}
    }

Only operations with an output shape are listed, and only the shapes reachable from those
outputs are kept, each reduced to its type and: structure -> `members` (member name ->
shape name) and `required`; list -> `member`; map -> `key`, `value`; string -> `enum`; and
`min`/`max` where the model gives them. Union structures become plain structures (without
`required`), botocore's document structures become `{"type": "document"}`. Everything else
(documentation, patterns, HTTP locations, XML names, deprecation, ...) is dropped. Member
names are the model's; Step Functions upper-cases their first letter, which the Rust side
does. The output is deterministic: keys sorted, 2-space indent, trailing newline.

Standard library only.
"""

import argparse
import json
import os
import sys

SCALARS = {"blob", "boolean", "integer", "long", "float", "double", "timestamp", "string"}


def fail(message):
    sys.stderr.write(f"sdk-output-shapes: {message}\n")
    sys.exit(1)


def limits(shape, out):
    for key in ("min", "max"):
        value = shape.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            fail(f"non-numeric {key} {value!r}")
        out[key] = value
    return out


def trim_shape(name, shape):
    kind = shape.get("type")
    if kind == "structure":
        if shape.get("document"):
            return {"type": "document"}
        out = {"type": "structure"}
        members = {m: spec["shape"] for m, spec in shape.get("members", {}).items()}
        if members:
            out["members"] = members
        required = list(shape.get("required", []))
        if required and not shape.get("union"):
            missing = [r for r in required if r not in members]
            if missing:
                fail(f"{name}: required members {missing} are not members")
            out["required"] = required
        return out
    if kind == "list":
        return limits(shape, {"type": "list", "member": shape["member"]["shape"]})
    if kind == "map":
        return limits(
            shape,
            {"type": "map", "key": shape["key"]["shape"], "value": shape["value"]["shape"]},
        )
    if kind in SCALARS:
        out = {"type": kind}
        if kind == "string" and shape.get("enum"):
            out["enum"] = list(shape["enum"])
        return limits(shape, out)
    fail(f"{name}: unknown shape type {kind!r}")


def referenced(shape):
    kind = shape.get("type")
    if kind == "structure":
        if shape.get("document"):
            return []
        return [spec["shape"] for spec in shape.get("members", {}).values()]
    if kind == "list":
        return [shape["member"]["shape"]]
    if kind == "map":
        return [shape["key"]["shape"], shape["value"]["shape"]]
    return []


def model_name(path):
    """`<service dir>/<api version>` from `.../<service dir>/<api version>/service-2.json`."""
    version_dir = os.path.dirname(os.path.abspath(path))
    service_dir = os.path.dirname(version_dir)
    return f"{os.path.basename(service_dir)}/{os.path.basename(version_dir)}"


def trim(model, service, model_id, commit):
    shapes = model["shapes"]
    operations = {}
    for op_name, op in model["operations"].items():
        output = op.get("output")
        if not output:
            continue
        action = op_name[:1].lower() + op_name[1:]
        if action in operations:
            fail(f"two operations map to action {action}")
        operations[action] = output["shape"]

    kept = {}
    pending = sorted(set(operations.values()))
    while pending:
        name = pending.pop()
        if name in kept:
            continue
        if name not in shapes:
            fail(f"shape {name} is referenced but not defined")
        kept[name] = trim_shape(name, shapes[name])
        pending.extend(n for n in referenced(shapes[name]) if n not in kept)

    return {
        "service": service,
        "model": model_id,
        "source": f"botocore {commit}",
        "operations": operations,
        "shapes": kept,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--service", required=True, help="Step Functions aws-sdk service name")
    parser.add_argument("--model", help="override <service dir>/<api version> (default: from path)")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    parser.add_argument("model_path", help="botocore service-2.json")
    parser.add_argument("commit", help="botocore commit the model was read from")
    args = parser.parse_args()

    with open(args.model_path, encoding="utf-8") as f:
        model = json.load(f)
    model_id = args.model or model_name(args.model_path)
    version = model.get("metadata", {}).get("apiVersion")
    if version and not model_id.endswith("/" + version):
        fail(f"model {model_id} does not match the model's apiVersion {version}")

    text = json.dumps(trim(model, args.service, model_id, args.commit), indent=2, sort_keys=True)
    text += "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
