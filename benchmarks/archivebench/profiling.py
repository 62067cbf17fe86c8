"""``--profile``: our flavour's full, no-op and one-report builds under cProfile."""

from __future__ import annotations

import shutil
from pathlib import Path

from archivebench import say
from archivebench.measure import Flavour, edit_text, run_build

# ``python -m cProfile`` times with the wall clock, which on a busy machine
# charges other people's processes to whatever was running; this profiles
# the same ``python -m sphinx`` with CPU time instead.
PROFILE_MAIN = """\
import cProfile, runpy, sys, time
stats, module = sys.argv[1], sys.argv[3]
sys.argv = [module, *sys.argv[4:]]
profiler = cProfile.Profile(time.process_time)
code = 0
try:
    profiler.runcall(runpy.run_module, module, run_name="__main__", alter_sys=True)
except SystemExit as exit:
    code = exit.code
finally:
    profiler.dump_stats(stats)
sys.exit(code)
"""


def _entry_points(stats: object, top: int) -> list[str]:
    """Functions of the extension called from outside it, by inclusive time.

    These are the hooks Sphinx calls (directives, event handlers, visitors),
    so their cumulative times add up to what the extension costs.
    """
    rows = []
    for (filename, line, name), (_cc, calls, _tt, cumulative, callers) in \
            stats.stats.items():  # type: ignore[attr-defined]
        if "sphinx_eventarchive" not in filename or "__editable__" in filename:
            continue
        if any("sphinx_eventarchive" in caller[0] for caller in callers):
            continue
        where = filename[filename.rfind("sphinx_eventarchive"):]
        rows.append((cumulative, calls, f"{where}:{line}({name})"))
    rows.sort(reverse=True)
    hooks = sum(row[0] for row in rows if not row[2].endswith("(<module>)"))
    lines = [f"{cumulative:9.3f} {calls:7d}  {where}" for cumulative, calls, where in rows[:top]]
    lines.append(f"{hooks:9.3f}          sum of all entry points but module imports")
    return lines


SPHINX_STEPS = (
    ("builders/__init__.py", "read", "reading sources"),
    ("builders/__init__.py", "write", "writing documents"),
    ("builders/html/__init__.py", "gen_pages_from_extensions",
     "writing pages from html-collect-pages"),
    ("builders/html/__init__.py", "_get_local_toctree", "theme sidebar toctree, all pages"),
    ("environment/__init__.py", "check_dependents", "env-get-updated"),
)


def profile(flavour: Flavour, workdir: Path, top: int) -> dict[str, str]:
    """Ours under cProfile (CPU time): full build, no-op rebuild, one-report edit."""
    import io
    import pstats

    base = workdir / "profile"
    src, out = base / "src", base / "out"
    for path in (src, out):
        if path.exists():
            shutil.rmtree(path)
    shutil.copytree(flavour.pristine, src)
    report = src / "reports" / flavour.edit_target
    texts = {}
    for build in ("full", "noop", "edit-text"):
        if build == "edit-text":
            report.write_text(edit_text(report.read_text(encoding="utf-8"), 0),
                              encoding="utf-8")
        stats_file = base / f"{build}.prof"
        result = run_build(src, out, base / f"{build}.log",
                           prefix=["-c", PROFILE_MAIN, str(stats_file)])
        if result.returncode != 0:
            raise SystemExit(f"profiled build failed; log {result.log}")
        stream = io.StringIO()
        stats = pstats.Stats(str(stats_file), stream=stream)
        total = stats.total_tt  # type: ignore[attr-defined]
        stream.write(f"== {build} build under cProfile (CPU time): {result.wall:.2f}s wall, "
                     f"{result.cpu:.2f}s CPU, {total:.2f}s profiled ==\n")
        for filename, name, label in SPHINX_STEPS:
            found = [value[3] for key, value in stats.stats.items()  # type: ignore[attr-defined]
                     if key[0].endswith(filename) and key[2] == name]
            if found:
                stream.write(f"{max(found):9.3f}s  {label} (sphinx {name})\n")
        own = sum(value[2] for key, value in stats.stats.items()  # type: ignore[attr-defined]
                  if "sphinx_eventarchive" in key[0])
        stream.write(f"{own:9.3f}s  self time in sphinx_eventarchive/ "
                     f"({100 * own / total:.0f}% of the profile)\n")
        stream.write("-- extension entry points, cumulative seconds, calls --\n")
        stream.write("\n".join(_entry_points(stats, top)) + "\n")
        stream.write(f"-- top {top} overall by cumulative time --\n")
        stats.sort_stats("cumulative").print_stats(top)
        stream.write(f"-- top {top} in sphinx_eventarchive/ by cumulative time --\n")
        stats.print_stats(r"sphinx_eventarchive", top)
        texts[build] = stream.getvalue()
        (base / f"{build}.txt").write_text(texts[build], encoding="utf-8")
        say(f"profile of the {build} build: {base / f'{build}.prof'} "
            f"(text: {base / f'{build}.txt'})")
    return texts


