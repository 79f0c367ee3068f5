import stat

from egide.demo.secrets import write_demo_env


def test_demo_env_is_created_once_and_private(tmp_path):
    path = tmp_path / "var" / "demo.env"
    assert write_demo_env(path)
    first = path.read_text()
    assert "EGIDE_DEMO=1" in first
    assert "EGIDE_SECRET_KEY=" in first
    assert "EGIDE_FIELD_KEYS=demo1:" in first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    assert not write_demo_env(path)
    assert path.read_text() == first
