"""The type stubs (_snnsense.pyi) describe the compiled module as built, and the public API has docstrings."""

import ast
import inspect
import pydoc
from pathlib import Path

import pytest

import snnsense
from snnsense import _snnsense

STUB = Path(_snnsense.__file__).with_name("_snnsense.pyi")


def stub_tree():
    return ast.parse(STUB.read_text())


def stub_names():
    names = {}
    for node in stub_tree().body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names[node.name] = node
    return names


def stub_parameters(function):
    """Parameter names of a stub function, '*' where the keyword-only ones start, without self."""
    a = function.args
    names = [x.arg for x in a.posonlyargs + a.args]
    if a.kwonlyargs:
        names += ["*"] + [x.arg for x in a.kwonlyargs]
    return [n for n in names if n != "self"]


def split_top_level(text):
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current)
    return [p.strip() for p in parts]


def built_parameters(function):
    """Parameter names from pybind11's signature line, e.g. 'train(model: ..., *, lr: object = 0.01)'."""
    line = function.__doc__.splitlines()[0]
    inside = line[line.index("(") + 1 : line.rindex(")")]
    names = [part.split(":")[0].split("=")[0].strip() for part in split_top_level(inside)]
    return [n for n in names if n != "self"]


def public(obj):
    return {n for n in dir(obj) if not n.startswith("_")}


def test_every_public_name_of_the_module_has_a_stub():
    built = public(_snnsense) | {"__version__"}
    stubbed = set(stub_names()) | {"__version__"}
    assert built == stubbed


@pytest.mark.parametrize("name", sorted(n for n, node in stub_names().items() if isinstance(node, ast.FunctionDef)))
def test_function_parameters_match(name):
    assert stub_parameters(stub_names()[name]) == built_parameters(getattr(_snnsense, name))


def class_members(name, classes):
    node = classes[name]
    members = {m.name: m for m in node.body if isinstance(m, ast.FunctionDef)}
    for base in node.bases:
        if isinstance(base, ast.Name) and base.id in classes:
            members = {**class_members(base.id, classes), **members}
    return members


@pytest.mark.parametrize("name", sorted(n for n, node in stub_names().items() if isinstance(node, ast.ClassDef)))
def test_class_members_match(name):
    classes = {n: node for n, node in stub_names().items() if isinstance(node, ast.ClassDef)}
    built = getattr(snnsense, name, getattr(_snnsense, name))
    if issubclass(built, BaseException):
        return  # the exceptions add nothing to the built-in ones
    members = class_members(name, classes)
    assert public(built) == {m for m in members if not m.startswith("_")}
    for member, node in members.items():
        attribute = inspect.getattr_static(built, member, None)
        for klass in built.__mro__:  # getattr_static finds inherited members too; this is just clearer
            if member in vars(klass):
                attribute = vars(klass)[member]
                break
        is_property = any(isinstance(d, ast.Name) and d.id == "property" for d in node.decorator_list)
        assert isinstance(attribute, property) == is_property, member
        if is_property or member == "trace_frame":
            continue
        function = getattr(built, member)
        if member == "__len__":
            continue
        assert stub_parameters(node) == built_parameters(function), member


def test_help_shows_the_docstrings():
    text = pydoc.render_doc(snnsense.train, renderer=pydoc.plaintext)
    assert "Gradient descent on 1/(2m) ||A(model(params)) - y||^2" in text
    assert "lr: a step size, or \"search\"" in text


@pytest.mark.parametrize("name", sorted(snnsense.__all__))
def test_every_public_function_and_class_has_a_docstring(name):
    obj = getattr(snnsense, name)
    if not callable(obj) or isinstance(obj, type) and issubclass(obj, BaseException):
        return
    doc = inspect.getdoc(obj) or ""
    lines = doc.splitlines()
    # pybind11 starts a function's docstring with its signature; a description must follow.
    described = [line for line in lines if line.strip() and not line.startswith(f"{name}(")]
    assert described, f"{name} has no description"


def test_package_is_marked_typed():
    assert Path(_snnsense.__file__).with_name("py.typed").is_file()
