"""What every benchmark records next to its numbers (the machine, package versions, the commit), and
BASIL read as newsprism input."""

from __future__ import annotations

import ast
import json
import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASIL = Path("/work/shared/data/basil")


def cpu_model(default: str) -> str:
    """The CPU's model name (/proc/cpuinfo), else ``default``."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return default


def memory_kib() -> int | None:
    """Total memory (/proc/meminfo's MemTotal), in KiB."""
    try:
        return int(Path("/proc/meminfo").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None


def machine_line() -> str:
    """One line: OS, CPU, CPU count, Python."""
    cpu = cpu_model(platform.processor() or platform.machine())
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def package_versions(*names: str) -> dict:
    """Python's version and each package's, None for one not installed."""
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for name in names:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def git_commit() -> str | None:
    """HEAD's short hash, "+dirty" when src/ differs from it; None outside a checkout."""
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=10, check=False).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"], capture_output=True,
                               text=True, timeout=10, check=False).stdout.strip()
        return commit + ("+dirty" if dirty else "") if commit else None
    except (OSError, subprocess.SubprocessError):
        return None


def basil_items(data: Path, limit: int) -> list[tuple[dict, dict]]:
    """BASIL's first ``limit`` articles by path: (its JSON, the JSONL record newsprism reads)."""
    out = []
    for path in sorted((data / "articles").glob("*/*.json"))[:limit]:
        item = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = item["body-paragraphs"]
        if isinstance(paragraphs, str):
            paragraphs = ast.literal_eval(paragraphs)
        body = "\n\n".join(" ".join(p) if isinstance(p, list) else p for p in paragraphs)
        out.append((item, {"title": item["title"], "url": item["url"], "published": item["date"],
                           "outlet": item["source"], "text": body}))
    return out


def basil_records(data: Path, limit: int) -> tuple[list[dict], dict[str, str]]:
    """JSONL records for newsprism, and URL -> BASIL story id."""
    items = basil_items(data, limit)
    return [record for _, record in items], {item["url"]: item["triplet-uuid"] for item, _ in items}
