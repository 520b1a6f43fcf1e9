"""Test stand-in for google-genai: exactly the calls the official guide uses, forwarded over HTTP.

The exported Python scripts run against it (PYTHONPATH) and the fake Interactions API server, so a
test sees the very request body each script sends. GEMINI_API_KEY (or GOOGLE_API_KEY) is the key,
GOOGLE_GEMINI_BASE_URL the server. Unknown keyword arguments are refused, as a typo in an export
would be by the real SDK. Like google-genai 2.25, it drops the generation_config fields the SDK does
not declare (temperature and top_p among them) and merges extra_body into the top level of the body.
The tests use the real SDK where pip can install it; this stand-in shows the request as the script
wrote it, where the SDK rewrites some (a list of content parts becomes one user_input step).
"""

import copy
import json
import mimetypes
import os
import re
import urllib.error
import urllib.request

__all__ = ["Client", "APIError"]

_CREATE_ARGS = {
    "model",
    "input",
    "system_instruction",
    "generation_config",
    "stream",
    "store",
    "previous_interaction_id",
    # google-genai 2.25 sends these three as written (the run tests compare its bodies with the app's).
    "tools",
    "response_format",
    "safety_settings",
    # A test set may run on a cheaper tier (issue 17).
    "service_tier",
    "extra_body",
}

# google-genai 2.25's interactions GenerationConfig: a pydantic model that leaves out any other key.
_DECLARED_GENERATION_CONFIG = {
    "image_config",
    "max_output_tokens",
    "seed",
    "speech_config",
    "stop_sequences",
    "thinking_level",
    "thinking_summaries",
    "tool_choice",
    "transcription_config",
    "video_config",
}


class APIError(Exception):
    def __init__(self, code, message):
        super().__init__(f"{code} {message}")
        self.code = code


class _Obj:
    """Attribute access over a JSON object, like the SDK's pydantic models."""

    def __init__(self, data):
        self._data = data

    def __getattr__(self, name):
        data = self.__dict__["_data"]
        if name not in data:
            raise AttributeError(name)
        return _wrap(data[name])

    def model_dump(self):
        return copy.deepcopy(self._data)

    def __repr__(self):
        return f"{type(self).__name__}({self._data!r})"


def _wrap(value):
    if isinstance(value, dict):
        return _Obj(value)
    if isinstance(value, list):
        return [_wrap(item) for item in value]
    return value


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class _Http:
    def __init__(self, api_key, base_url, version):
        self.api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.version = version

    def open(self, method, url, body=None, headers=None):
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("x-goog-api-key", self.api_key)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            return urllib.request.urlopen(request, timeout=30)
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", "replace")
            try:
                message = json.loads(text)["error"]["message"]
            except (ValueError, KeyError, TypeError):
                message = text
            raise APIError(error.code, message) from None


class _Interactions:
    def __init__(self, http):
        self._http = http

    def create(self, **kwargs):
        unknown = set(kwargs) - _CREATE_ARGS
        if unknown:
            raise TypeError(f"create() got unexpected keyword arguments: {sorted(unknown)}")
        if "model" not in kwargs or "input" not in kwargs:
            raise TypeError("create() needs model and input")
        fields = dict(kwargs)
        extra_body = fields.pop("extra_body", None) or {}
        if "generation_config" in fields:
            config = fields["generation_config"]
            fields["generation_config"] = {k: v for k, v in config.items() if k in _DECLARED_GENERATION_CONFIG}
        fields.update(extra_body)
        body = json.dumps(fields, ensure_ascii=False).encode("utf-8")
        stream = fields.get("stream") is True
        headers = {
            "Content-Type": "application/json",
            "Accept": "text/event-stream" if stream else "application/json",
        }
        url = f"{self._http.base_url}/{self._http.version}/interactions"
        response = self._http.open("POST", url, body, headers)
        if stream:
            return self._events(response)
        with response:
            return _wrap(json.loads(response.read().decode("utf-8")))

    @staticmethod
    def _events(response):
        with response:
            for raw in response:
                line = raw.decode("utf-8").rstrip("\r\n")
                if not line.startswith("data:"):
                    continue
                data = line[5:].strip()
                if data == "[DONE]":
                    return
                yield _wrap(json.loads(data))


class _Files:
    def __init__(self, http):
        self._http = http

    def upload(self, *, file, config=None):
        config = config or {}
        is_path = isinstance(file, (str, os.PathLike))
        mime_type = config.get("mime_type") or (mimetypes.guess_type(file)[0] if is_path else None)
        if not mime_type:
            raise ValueError(f"Unknown mime type: could not determine the mimetype for {file}")
        if is_path:
            with open(file, "rb") as handle:
                data = handle.read()
        else:
            data = file.read()
        described = {"mimeType": mime_type}
        if config.get("display_name") is not None:
            described["displayName"] = config["display_name"]
        headers = {
            "Content-Type": "application/json",
            "X-Goog-Upload-Protocol": "resumable",
            "X-Goog-Upload-Command": "start",
            "X-Goog-Upload-Header-Content-Length": str(len(data)),
            "X-Goog-Upload-Header-Content-Type": mime_type,
        }
        if is_path:
            # As google-genai 2.25 does, through httpx, which encodes a header as ASCII (a UnicodeEncodeError otherwise).
            name = os.path.basename(file)
            name.encode("ascii")
            headers["X-Goog-Upload-File-Name"] = name
        start = self._http.open(
            "POST",
            f"{self._http.base_url}/upload/{self._http.version}/files",
            json.dumps({"file": described}).encode("utf-8"),
            headers,
        )
        with start:
            upload_url = start.headers["x-goog-upload-url"]
        finish = self._http.open(
            "POST",
            upload_url,
            data,
            {"X-Goog-Upload-Command": "upload, finalize", "X-Goog-Upload-Offset": "0"},
        )
        with finish:
            if finish.headers.get("x-goog-upload-status") != "final":
                raise APIError(finish.status, "upload was not finalized")
            resource = json.loads(finish.read().decode("utf-8"))["file"]
        return _Obj({_snake(key): value for key, value in resource.items()})


class Client:
    def __init__(self):
        api_key = os.environ.get("GOOGLE_API_KEY") or os.environ.get("GEMINI_API_KEY")
        if not api_key:
            raise ValueError("Missing key inputs argument! Set GEMINI_API_KEY.")
        base_url = os.environ.get("GOOGLE_GEMINI_BASE_URL", "https://generativelanguage.googleapis.com")
        version = os.environ.get("GOOGLE_GENAI_API_VERSION", "v1beta")
        http = _Http(api_key, base_url, version)
        self.interactions = _Interactions(http)
        self.files = _Files(http)
