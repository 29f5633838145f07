from setuptools import setup

setup(
    name="half-written",
    version="0.1"
