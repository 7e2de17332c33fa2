"""PyTorch is optional: snnsense imports without it, and snnsense.torch says how to install it."""

import os
import subprocess
import sys

BLOCK_TORCH = "import sys; sys.modules['torch'] = None\n"  # makes `import torch` raise ImportError


def run(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ.copy())


def test_snnsense_imports_without_torch():
    done = run(BLOCK_TORCH + "import snnsense; print(snnsense.__version__)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == snnsense_version()


def test_snnsense_does_not_import_torch():
    done = run("import sys, snnsense; print('torch' in sys.modules)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_snnsense_torch_without_torch_says_how_to_install_it():
    done = run(BLOCK_TORCH + "import snnsense.torch")
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: snnsense.torch needs PyTorch")
    assert "apt-get install python3-torch" in last


def snnsense_version():
    import snnsense

    return snnsense.__version__
