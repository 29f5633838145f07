# A Streamlit page's set-up that happens to be called setup.py (as scripts/setup.py of
# pythonhealthdatascience/stars-streamlit-example): it calls no setuptools setup().
import streamlit as st


def setup(title):
    st.set_page_config(page_title=title, layout="wide")


setup("Treatment centre model")
