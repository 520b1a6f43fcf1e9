// The helpers a test-set script declares in its own language: filling a template as the app does
// (src-shared/eval/template.ts), the answer's text as the app shows it, the simple checks as the app decides them
// (src-shared/eval/assertions.ts), and reading cases.jsonl (src-shared/eval/cases-io.ts exportJsonl).
//
// The template rule is one regular expression here: scanned left to right, `\{{` or a `{{…}}` holding no brace or
// line break is exactly what template.ts's scanner consumes at each place, and everything between is text.
// Whitespace is JavaScript's (trim, \s) in all three, since the app trims with it. suite-helpers.test.ts runs each
// language's helpers over the same tricky inputs as the app's own functions.

const TICKS = '```';

/** The checks a script runs; the others (a rubric, the pane's schema) need a judge model or a schema validator. */
export const SCRIPT_CHECKS = ['contains', 'not-contains', 'regex', 'equals-expected', 'is-json', 'length'] as const;

/** As assertions.ts REGEX_INPUT_LIMIT: a pattern searches this many UTF-16 units of an answer. */
const REGEX_LIMIT = 50_000;

export const PYTHON_HELPERS: readonly string[] = String.raw`# JavaScript's whitespace, which the app trims with
JS_SPACE = "\t\n\v\f\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
PLACEHOLDER = re.compile(r"\\\{\{|\{\{([^{}\r\n]*)\}\}")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
# Names the app does not take as variables: the cases table's own columns, and names JavaScript objects already have
RESERVED = re.compile(r"(?i:expected|notes)|__proto__|constructor|prototype")
FENCE = re.compile("[" + JS_SPACE + r"]*${TICKS}[^\n${'`'}]*\r?\n([\s\S]*?)\r?\n?[ \t]*${TICKS}[" + JS_SPACE + r"]*\Z")


def fill(template, values):
    """{{name}} becomes the case's value ('' without one), \\{{ a literal {{; a {{ naming no variable stays as written."""

    def replace(match):
        if match.group(1) is None:
            return "{{"
        name = match.group(1).strip(JS_SPACE)
        return values.get(name, "") if NAME.fullmatch(name) and not RESERVED.fullmatch(name) else match.group(0)

    return PLACEHOLDER.sub(replace, template)


def text_of(steps):
    return "".join(part.text for step in steps if step.type == "model_output" for part in step.content or [] if part.type == "text")


def answer_text(interaction):
    """Every text part of the model's output, as the app shows the answer."""
    return text_of(interaction.steps or [])


def last_output(interaction):
    """The model's text after its last tool step (a line written before searching is not the JSON): is-json reads it, as the app does."""
    steps = interaction.steps or []
    tools = [i for i, step in enumerate(steps) if step.type not in ("model_output", "thought", "user_input")]
    return text_of(steps[tools[-1] + 1 :] if tools else steps)


def one_line_break(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def passes(answer, check, expected, last):
    """Whether the answer passes the check, as the app decides it; is-json reads the last output."""
    kind, value = check["type"], check.get("value")
    if kind == "contains":
        return bool(value) and value in answer
    if kind == "not-contains":
        return bool(value) and value not in answer
    if kind == "regex":
        return bool(value) and matches(answer, value, check.get("flags", ""))
    if kind == "equals-expected":
        return expected is not None and one_line_break(answer.strip(JS_SPACE)) == one_line_break(expected.strip(JS_SPACE))
    if kind == "is-json":
        return is_json(last)
    if kind == "length":
        low, high = check.get("min"), check.get("max")
        return (low is not None or high is not None) and (low is None or len(answer) >= low) and (high is None or len(answer) <= high)
    return False


def matches(answer, pattern, flags):
    # Python's re reads most JavaScript patterns alike, but its \d and \w also match other scripts' digits and
    # letters, and its $ also matches before a final line break. As in the app, only the first ${REGEX_LIMIT.toLocaleString('en-US')}
    # characters (UTF-16 units) are searched.
    options = (re.IGNORECASE if "i" in flags else 0) | (re.MULTILINE if "m" in flags else 0) | (re.DOTALL if "s" in flags else 0)
    if 2 * len(answer) > ${REGEX_LIMIT}:
        answer = answer.encode("utf-16-le", "surrogatepass")[: 2 * ${REGEX_LIMIT}].decode("utf-16-le", "surrogatepass")
    try:
        return re.search(pattern, answer, options) is not None
    except re.error:
        return False


def not_json(constant):
    raise ValueError(constant + " is not JSON")


def is_json(answer):
    # One fence around the JSON (${TICKS}json … ${TICKS}) is taken off first, as the app does.
    fenced = FENCE.match(answer)
    try:
        json.loads(fenced.group(1) if fenced else answer, parse_constant=not_json)
        return True
    except (ValueError, RecursionError):
        return False


def read_cases(path):
    """One JSON object of strings per line (blank lines skipped): the values, "expected" and "notes"."""
    cases = []
    with open(path, encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip(JS_SPACE) == "":
                continue
            try:
                case = json.loads(line)
            except ValueError as error:
                raise SystemExit(f"{path.name} line {number}: {error}")
            if not isinstance(case, dict) or not all(isinstance(value, str) for value in case.values()):
                raise SystemExit(f"{path.name} line {number}: each line is one JSON object whose values are strings")
            cases.append(case)
    return cases`.split('\n');

export const JAVASCRIPT_HELPERS: readonly string[] = String.raw`// {{name}} becomes the case's value ('' without one), \{{ a literal {{; a {{ naming no variable stays as written.
function fill(template, values) {
  return template.replace(/\\\{\{|\{\{([^{}\r\n]*)\}\}/g, (whole, inner) => {
    if (inner === undefined) return "{{";
    const name = inner.trim();
    // Nor the names the app does not take as variables: the cases table's own columns, and JavaScript's own.
    if (!/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(name) || /^(?:expected|notes)$/i.test(name) || /^(?:__proto__|constructor|prototype)$/.test(name)) return whole;
    return Object.hasOwn(values, name) ? values[name] : "";
  });
}

function textOf(steps) {
  return steps
    .filter((step) => step.type === "model_output")
    .flatMap((step) => step.content ?? [])
    .filter((part) => part.type === "text")
    .map((part) => part.text)
    .join("");
}

// Every text part of the model's output, as the app shows the answer.
function answerText(interaction) {
  return textOf(interaction.steps ?? []);
}

// The model's text after its last tool step (a line written before searching is not the JSON): is-json reads it, as the app does.
function lastOutput(interaction) {
  const steps = interaction.steps ?? [];
  return textOf(steps.slice(steps.findLastIndex((step) => !["model_output", "thought", "user_input"].includes(step.type)) + 1));
}

// Whether the answer passes the check, as the app decides it; is-json reads the last output.
function passes(answer, check, expected, last) {
  const { type, value, flags = "", min, max } = check;
  switch (type) {
    case "contains":
      return Boolean(value) && answer.includes(value);
    case "not-contains":
      return Boolean(value) && !answer.includes(value);
    case "regex":
      return Boolean(value) && matches(answer, value, flags);
    case "equals-expected":
      return expected !== undefined && answer.trim().replace(/\r\n?/g, "\n") === expected.trim().replace(/\r\n?/g, "\n");
    case "is-json":
      return isJson(last);
    case "length": {
      const length = [...answer].length;
      return (min !== undefined || max !== undefined) && (min === undefined || length >= min) && (max === undefined || length <= max);
    }
    default:
      return false;
  }
}

// As the app: g and y (searches resuming at lastIndex) are dropped, and only the first ${REGEX_LIMIT.toLocaleString('en-US')} characters searched.
function matches(answer, pattern, flags) {
  try {
    return new RegExp(pattern, flags.replace(/[gy]/g, "")).test(answer.slice(0, ${REGEX_LIMIT}));
  } catch {
    return false;
  }
}

// One fence around the JSON (${TICKS}json … ${TICKS}) is taken off first, as the app does.
function isJson(answer) {
  const fenced = /^(\s*${TICKS}[^\n${'`'}]*\r?\n)([\s\S]*?)\r?\n?[ \t]*${TICKS}\s*$/.exec(answer);
  try {
    JSON.parse(fenced ? fenced[2] : answer);
    return true;
  } catch {
    return false;
  }
}

// One JSON object of strings per line (blank lines skipped): the values, "expected" and "notes".
function readCases(url) {
  const lines = readFileSync(url, "utf8").replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  return lines.flatMap((line, i) => {
    if (line.trim() === "") return [];
    const where = "cases.jsonl line " + (i + 1) + ": ";
    let testCase;
    try {
      testCase = JSON.parse(line);
    } catch (error) {
      throw new Error(where + error.message);
    }
    if (typeof testCase !== "object" || testCase === null || Array.isArray(testCase) || !Object.values(testCase).every((value) => typeof value === "string")) {
      throw new Error(where + "each line is one JSON object whose values are strings");
    }
    return [testCase];
  });
}`.split('\n');

/**
 * jq definitions, which the script holds in a quoted here-document. JSON.parse is matched by jq's own
 * parser behind a check of JSON's tokens, which jq 1.6 would read more loosely (NaN, 01, .5); jq still refuses
 * what nests deeper than 256 levels and a lone surrogate escape, which JSON.parse takes.
 */
export const JQ_HELPERS: readonly string[] = String.raw`# JavaScript's whitespace, which the app trims with
def js_space: "[\t\n\u000b\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]";
def js_trim: sub("\\A" + js_space + "+"; "") | sub(js_space + "+\\z"; "");
# {{name}} becomes the case's value ("" without one), \{{ a literal {{; a {{ naming no variable stays as written
def fill($values):
  . as $template
  | reduce match("\\\\\\{\\{|\\{\\{([^{}\\r\\n]*)\\}\\}"; "g") as $m ({out: "", at: 0};
      .out += $template[.at:$m.offset] + (
        if $m.captures[0].string == null then "{{"
        else ($m.captures[0].string | js_trim) as $name
          # nor the names the app does not take as variables: the cases table's own columns, and JavaScript's own
          | if ($name | test("\\A[A-Za-z_][A-Za-z0-9_-]{0,63}\\z")) and ($name | test("\\A(?:(?i:expected|notes)|__proto__|constructor|prototype)\\z") | not)
            then $values[$name] // "" else $m.string end
        end)
      | .at = $m.offset + $m.length)
  | .out + $template[.at:];
def text_of: [.[] | select(.type == "model_output") | .content[]? | select(.type == "text") | .text] | join("");
# Every text part of the model's output, as the app shows the answer
def answer_text: .steps // [] | text_of;
# The model's text after its last tool step (a line written before searching is not the JSON): is-json reads it, as the app does
def last_output:
  (.steps // []) as $steps
  | [$steps | to_entries[] | select(.value.type != "model_output" and .value.type != "thought" and .value.type != "user_input") | .key] as $tools
  | $steps[(if $tools == [] then 0 else $tools[-1] + 1 end):] | text_of;
# As the app: only the first ${REGEX_LIMIT.toLocaleString('en-US')} characters are searched. jq's patterns (Oniguruma) read most JavaScript ones alike,
# but \d and \w also match other scripts' digits and letters, and $ also matches before a final line break
def matches($pattern; $flags):
  ([$flags | scan("[ims]")] | unique | map("(?" + . + ")") | join("")) as $options
  | (if length * 2 <= ${REGEX_LIMIT} then . else [foreach (explode | .[]) as $c (0; . + (if $c > 65535 then 2 else 1 end); if . <= ${REGEX_LIMIT} then $c else empty end)] | implode end)
  | try test($options + $pattern) catch false;
def json_tokens: "\\A(?:[ \\t\\n\\r]+|\"(?:[^\"\\\\\\x00-\\x1f]|\\\\[\"\\\\/bfnrt]|\\\\u[0-9A-Fa-f]{4})*\"|-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?(?![0-9.eE+-])|true|false|null|[\\[\\]{}:,])*\\z";
def json_fence: "\\A" + js_space + "*${TICKS}[^\\n${'`'}]*\\r?\\n([\\s\\S]*?)\\r?\\n?[ \\t]*${TICKS}" + js_space + "*\\z";
# One fence around the JSON (${TICKS}json … ${TICKS}) is taken off first, as the app does
def is_json: (if test(json_fence) then match(json_fence).captures[0].string else . end) | test(json_tokens) and (try (fromjson | true) catch false);
# Whether the answer (.) passes the check, as the app decides it; is-json reads the last output
def passes($check; $expected; $last):
  . as $answer | ($check.value // "") as $value | $check.type as $type
  | if $type == "contains" then $value != "" and ($answer | index($value)) != null
    elif $type == "not-contains" then $value != "" and ($answer | index($value)) == null
    elif $type == "regex" then $value != "" and ($answer | matches($value; $check.flags // ""))
    elif $type == "equals-expected" then $expected != null and ($answer | js_trim | gsub("\r\n?"; "\n")) == ($expected | js_trim | gsub("\r\n?"; "\n"))
    elif $type == "is-json" then $last | is_json
    elif $type == "length" then ($check.min != null or $check.max != null) and ($check.min == null or ($answer | length) >= $check.min) and ($check.max == null or ($answer | length) <= $check.max)
    else false end;
def read_case: if type == "object" and all(.[]; type == "string") then . else error("each line is one JSON object whose values are strings") end;`.split('\n');
