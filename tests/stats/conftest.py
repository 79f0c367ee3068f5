import pytest
from huey.contrib.djhuey import HUEY


@pytest.fixture
def jobs_run_at_once():
    """The job that protects the open-data files runs as a request asks for it (a job queue in
    immediate mode): the files are those a consumer would have made."""
    HUEY.immediate = True
    yield
    HUEY.immediate = False
