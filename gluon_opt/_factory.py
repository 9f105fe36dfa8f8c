"""Name -> class registries with a `create(name, **kwargs)` that checks its
arguments: the shape MXNet's own `register`/`create` have, shared by the
schedules and the initializers."""
import inspect


def unknown_name_error(name, known, argument="name"):
    """The ValueError for a name not among `known`: every registry says it so.
    (A name that is not a string, a list say, is shown by its type.)"""
    shown = repr(name) if isinstance(name, str) else type(name).__name__
    return ValueError(f"{argument} must be one of {sorted(known)}, got {shown}")


class Factory(dict):
    """A dict name -> class, filled by the `register(name)` decorator.

    `create(name, **kwargs)` refuses an unknown name (ValueError listing the
    known ones) and keyword arguments the class does not take (TypeError
    listing those it accepts), before calling the class.
    """

    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def register(self, name):
        """Class decorator: make the class `create`-able as `name`."""
        def add(cls):
            self.add(name, cls)
            cls.name = name
            return cls
        return add

    def add(self, name, cls):
        """Enter `cls` as `name`, refusing a name already taken."""
        if name in self:
            raise ValueError(f"{self.kind} {name!r} is registered twice")
        self[name] = cls

    def create(self, name, **kwargs):
        if not isinstance(name, str) or name not in self:
            raise unknown_name_error(name, self)
        cls = self[name]
        accepted = [p for p in inspect.signature(cls.__init__).parameters
                    if p != "self"]
        unknown = sorted(set(kwargs) - set(accepted))
        if unknown:
            raise TypeError(f"{self.kind} {name!r} got unknown argument(s) "
                            f"{unknown}; it accepts {accepted}")
        return cls(**kwargs)
