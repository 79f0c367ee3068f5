"""The engine imports nothing from Django: the live workers and the replay run without it."""

import subprocess
import sys
import textwrap

BLOCK_DJANGO_AND_IMPORT_THE_ENGINE = textwrap.dedent("""
    import importlib, pkgutil, sys

    class NoDjango:
        def find_spec(self, name, path=None, target=None):
            if name == "django" or name.startswith("django."):
                raise ImportError("the engine must not import " + name)

    sys.meta_path.insert(0, NoDjango())
    import egide.engine
    for module in pkgutil.walk_packages(egide.engine.__path__, "egide.engine."):
        if module.name != "egide.engine.__main__":
            importlib.import_module(module.name)
    print(sorted(m for m in sys.modules if m.startswith("egide")))
""")


def test_every_engine_module_imports_without_django():
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_DJANGO_AND_IMPORT_THE_ENGINE],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "egide.engine.kernel" in result.stdout and "egide.engine.replay" in result.stdout
