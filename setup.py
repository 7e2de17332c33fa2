"""Builds the compiled half of the snnsense package (_snnsense) with the project's CMake.

pyproject.toml holds the metadata; this file only teaches setuptools' build_ext to run CMake on
the target snnsense_python and to take the module it builds. The version is CMakeLists.txt's
project(VERSION), the one `snnsense --version` prints. CMAKE_ARGS (environment) adds options to
the CMake configure step, e.g. CMAKE_ARGS=-DCMAKE_CXX_COMPILER_LAUNCHER=ccache;
SNNSENSE_CMAKE_BUILD_DIR names an already configured build tree (such as the repository's build/)
to build the module in instead of configuring a fresh one, which saves compiling the library again.
"""

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def project_version():
    text = (ROOT / "CMakeLists.txt").read_text()
    match = re.search(r"project\(\s*snnsense\s+VERSION\s+([0-9][0-9.]*)", text)
    if not match:
        raise RuntimeError("CMakeLists.txt: no project(snnsense VERSION ...) line")
    return match.group(1)


class CMakeExtension(Extension):
    def __init__(self, name, target):
        super().__init__(name, sources=[])
        self.target = target


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        existing = os.environ.get("SNNSENSE_CMAKE_BUILD_DIR")
        build_dir = Path(existing).resolve() if existing else Path(self.build_temp).resolve() / "cmake"
        if not existing:
            self.configure(build_dir)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", ext.target, "-j", jobs], check=True)
        built = list((build_dir / "python" / "snnsense").glob("_snnsense*.so"))
        if len(built) != 1:
            raise RuntimeError(f"expected one _snnsense module in {build_dir}/python/snnsense, found {built}")
        destination = Path(self.get_ext_fullpath(ext.name))
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], destination)

    @staticmethod
    def configure(build_dir):
        build_dir.mkdir(parents=True, exist_ok=True)
        configure = [
            "cmake",
            "-S",
            str(ROOT),
            "-B",
            str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DSNNSENSE_BUILD_TESTS=OFF",
            "-DSNNSENSE_BUILD_BENCH=OFF",
            *shlex.split(os.environ.get("CMAKE_ARGS", "")),
        ]
        subprocess.run(configure, check=True)


setup(
    version=project_version(),
    ext_modules=[CMakeExtension("snnsense._snnsense", target="snnsense_python")],
    cmdclass={"build_ext": CMakeBuild},
)
