"""Put each saved query's output on the current exports/ into README.md, between the queries markers."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
MAX_ROWS = 12


def _description(path: Path) -> str:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        text = line.lstrip("#").strip()
        if text.startswith("Run:"):
            continue
        lines.append(text)
    return " ".join(lines)


def section() -> str:
    parts = []
    for path in sorted((ROOT / "queries").glob("*.rq")):
        result = CliRunner().invoke(cli, ["query", str(ROOT / "exports"), "--file", str(path)])
        if result.exit_code != 0:
            sys.exit(f"{path.name}: {result.output}")
        lines = result.output.rstrip("\n").splitlines()
        table, count = lines[:-1], lines[-1]
        if len(table) > MAX_ROWS + 2:
            table = [*table[:MAX_ROWS + 2], "…"]
        parts.append(f"#### `queries/{path.name}`\n\n{_description(path)}\n\n"
                     f"```sh\nkg query exports/ --file queries/{path.name}\n```\n\n"
                     "```text\n" + "\n".join(table) + f"\n{count}\n```\n")
    return "\n".join(parts)


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = re.sub(r"(<!-- queries:begin -->\n).*?(<!-- queries:end -->)",
                 lambda m: m.group(1) + section() + m.group(2), text, flags=re.S)
    readme.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
