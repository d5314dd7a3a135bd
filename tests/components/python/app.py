# A wasi:cli/command component in Python (componentize-py): arguments,
# environment, a file read and one written in a granted directory, json,
# and some arithmetic; an uncaught exception when an argument is `fail`. cli/tests/component_python.rs runs it.
import json
import os
import sys
from wit_world import exports

class Run(exports.Run):
    def run(self) -> None:
        print("args", sys.argv[1:])
        if "fail" in sys.argv:
            raise ValueError("asked to fail")
        print("env", os.environ.get("GREETING"))
        with open("/data/in.txt") as f:
            words = f.read().split()
        print(json.dumps({"words": sorted(words), "n": len(words)}))
        with open("/data/out.txt", "w") as f:
            f.write(" ".join(reversed(words)))
        print("sum", sum(i * i for i in range(100000)))
