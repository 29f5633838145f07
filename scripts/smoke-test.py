"""Try a built nhsoa wheel as an analyst would: installed in a fresh environment, away from any checkout.

    python scripts/smoke-test.py --wheels dist --work /tmp/nhsoa-smoke

Makes a virtual environment in WORK, installs ``nhsoa[site]==<version>`` (the wheel in WHEELS; its
dependencies from the package index), then, in WORK: ``nhsoa new --no-input``, installs the new
product with its development tools (its ``nhsoa==<version>`` pin resolves to the same wheel), runs the
product's own tests and ``nhsoa check``, ``nhsoa validate`` on the registry the wheel carries and on
the product's ``product.yaml``, and ``nhsoa site build``. The built site is left in WORK/site/public.

git may use no network protocol throughout (``GIT_ALLOW_PROTOCOL=file``), so any attempt to reach a
code host fails at once. The release workflow and the test suite both run this script.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import venv
from pathlib import Path

PRODUCT = "example-analytics-product"  # the slug of the template's default product name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheels", type=Path, required=True, help="folder holding the nhsoa wheel to try")
    parser.add_argument("--work", type=Path, required=True, help="an empty folder outside the checkout")
    args = parser.parse_args()
    wheels, work = args.wheels.resolve(), args.work.resolve()
    version = wheel_version(wheels)
    env = environment(wheels, work)
    python = str(work / "venv" / "bin" / "python")
    if not (work / "venv").is_dir():
        venv.create(work / "venv", with_pip=True)
    run(env, work, python, "-m", "pip", "install", "--quiet", f"nhsoa[site]=={version}")
    shown = run(env, work, python, "-m", "nhsoa", "--version").stdout.strip()
    expect(shown == f"nhsoa {version}", f"nhsoa --version printed {shown!r}")
    run(env, work, python, "-m", "nhsoa", "new", "--no-input", "--no-hooks", "-o", str(work))
    product = work / PRODUCT
    run(env, product, python, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    run(env, product, python, "-m", "pytest", "-q", "-p", "no:cacheprovider")
    expect("no drift" in run(env, product, python, "-m", "nhsoa", "check", ".").stdout, "the new product drifted")
    run(env, product, python, "-m", "nhsoa", "validate", "product.yaml")
    run(env, work, python, "-m", "nhsoa", "validate")
    run(env, work, python, "-m", "nhsoa", "site", "build", "--out", str(work / "site"))
    expect((work / "site" / "public" / "index.html").is_file(), "the site has no index.html")
    print(f"smoke test passed: nhsoa {version} made {product.name}, validated and built the site")
    return 0


def wheel_version(wheels: Path) -> str:
    found = sorted(wheels.glob("nhsoa-*-py3-none-any.whl"))
    expect(len(found) == 1, f"expected one nhsoa wheel in {wheels}, found {[p.name for p in found]}")
    return found[0].name.split("-")[1]


def environment(wheels: Path, work: Path) -> dict[str, str]:
    """This environment, with pip finding the wheel and git reaching no host."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("VIRTUAL_ENV", "PYTHONPATH"))}
    find_links = " ".join(filter(None, [str(wheels), os.environ.get("PIP_FIND_LINKS", "")]))
    env |= {"PIP_FIND_LINKS": find_links, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "GIT_ALLOW_PROTOCOL": "file"}
    env["PATH"] = f"{work / 'venv' / 'bin'}{os.pathsep}{env['PATH']}"
    return env


def run(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    print(f"$ python {' '.join(args[1:])}  (in {cwd})", flush=True)
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stdout.write(done.stdout[-6000:])
        sys.stderr.write(done.stderr[-6000:])
        raise SystemExit(f"smoke test failed: {' '.join(args)} exited with {done.returncode}")
    return done


def expect(condition: bool, failure: str) -> None:
    if not condition:
        raise SystemExit(f"smoke test failed: {failure}")


if __name__ == "__main__":
    raise SystemExit(main())
