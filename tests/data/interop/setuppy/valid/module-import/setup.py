import setuptools

setuptools.setup(
    name="ons-geo-lookup",
    description="Lookups between ONS geographies and NHS organisations",
    url="https://gitlab.com/example-icb/ons-geo-lookup",
    license="MIT License",
    maintainer="Data Team",
    maintainer_email="data.team@example.nhs.uk",
    classifiers=["License :: OSI Approved :: MIT License"],
    version=__import__("os").environ["VERSION"],
)
