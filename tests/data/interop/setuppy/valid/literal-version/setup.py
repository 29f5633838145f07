# Shaped like the setup.py of older NHS Python packages: constants, a VERSION file, classifiers.
import os

from setuptools import find_packages, setup

HERE = os.path.abspath(os.path.dirname(__file__))
NAME = "nhs-" + "waits"
with open(os.path.join(HERE, "waits", "VERSION")) as handle:
    version = handle.read().strip()

setup(
    name=NAME,
    version=version,
    description="Referral to treatment waiting times for NHS trusts. Reads the monthly extracts and adds them up.",
    url="https://github.com/example-trust/nhs-waits",
    project_urls={
        "Documentation": "https://example-trust.github.io/nhs-waits/",
        "Bug Tracker": "https://github.com/example-trust/nhs-waits/issues",
    },
    author="Example NHS Foundation Trust",
    author_email="analytics@example.nhs.uk",
    license="GPLv3+",
    keywords="rtt, waiting times, nhs",
    classifiers=["Development Status :: 4 - Beta"],
    packages=find_packages(),
    install_requires=open("requirements.txt").read().splitlines(),
    long_description=open(os.path.join(HERE, "..", "..", "etc", "passwd")).read(),
)
