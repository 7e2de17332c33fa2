"""The package as users get it: one version everywhere, and `cmake --install` where python3 finds it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import snnsense

BINARY_DIR = os.environ.get("SNNSENSE_BINARY_DIR")
INSTALL_DIR = os.environ.get("SNNSENSE_PYTHON_INSTALL_DIR")
needs_build = pytest.mark.skipif(not BINARY_DIR, reason="run by ctest, which names the build directory")


@needs_build
def test_version_is_the_cli_version():
    cli = os.environ["SNNSENSE_CLI"]
    if not Path(cli).is_file():
        pytest.skip(f"{cli} is not built (cmake --build build --target snnsense_cli)")
    printed = subprocess.run([cli, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    assert printed.split()[-1] == snnsense.__version__


def test_version_is_cmakes_project_version():
    source = Path(os.environ.get("SNNSENSE_SOURCE_DIR", Path(__file__).parents[2]))
    text = (source / "CMakeLists.txt").read_text()
    assert f"project(snnsense VERSION {snnsense.__version__} " in text


@needs_build
def test_cmake_install_puts_the_package_where_python3_looks(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", BINARY_DIR, "--prefix", str(prefix), "--component", "python"],
                   check=True, capture_output=True)
    package = prefix / INSTALL_DIR / "snnsense"
    installed = {p.name for p in package.iterdir()}
    assert {"__init__.py", "torch.py", "_snnsense.pyi", "py.typed"} <= installed
    assert any(name.startswith("_snnsense.") and name.endswith(".so") for name in installed)

    # The installed copy imports on its own (not the build tree's), from a neutral directory.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(prefix / INSTALL_DIR)
    code = "import snnsense; print(snnsense.__file__); print(snnsense.__version__)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
                          check=True)
    where, version = done.stdout.split()
    assert Path(where).is_relative_to(package) and version == snnsense.__version__

    # With the default prefix /usr/local, or /usr, that directory is on the interpreter's own path.
    env.pop("PYTHONPATH")
    done = subprocess.run([sys.executable, "-c", "import sys; print('\\n'.join(sys.path))"], capture_output=True,
                          text=True, env=env, check=True)
    path = done.stdout.split()
    assert f"/usr/local/{INSTALL_DIR}" in path
    assert f"/usr/{INSTALL_DIR}" in path
