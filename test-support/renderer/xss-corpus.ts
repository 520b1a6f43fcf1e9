// The project's own hostile-markdown corpus: vectors by family and the markdown contexts they are placed in.
// Written here, for this pipeline (marked + DOMPurify + the fast path); no third-party corpus is copied.

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

export interface Family {
  name: string;
  vectors: readonly string[];
}

/** One line each, except where a newline inside the markup is the point. */
export const FAMILIES: readonly Family[] = [
  {
    name: 'event handlers',
    vectors: [
      '<img src=x onerror=alert(1)>',
      '<b onmouseover="alert(1)">hover</b>',
      '<details open ontoggle="alert(1)"><summary>s</summary>d</details>',
      '<a href="https://example.com" onclick="alert(1)">a</a>',
      '<p/onclick=alert(1)>slash-separated</p>',
      '<div onfocus=alert(1) tabindex=0 autofocus>focus</div>',
      '<video><source onerror="alert(1)"></video>',
      '<body onload=alert(1)>',
    ],
  },
  {
    name: 'URL schemes and their encodings',
    vectors: [
      '<a href="javascript:alert(1)">j1</a>',
      '<a href="JaVaScRiPt:alert(1)">j2</a>',
      '<a href="&#106;&#97;vascript&#58;alert(1)">j3</a>',
      '<a href="&#x6A;avascript&colon;alert(1)">j4</a>',
      '<a href="java\tscript:alert(1)">j5</a>',
      '<a href="java\nscript:alert(1)">j6</a>',
      '<a href=" &#14; javascript:alert(1)">j7</a>',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d1</a>',
      '<a href="vbscript:msgbox(1)">v1</a>',
      '<a href="?x">relative</a> <a href="">empty</a> <a href="//evil.example/">scheme-relative</a>',
      '<img src="javascript:alert(1)"> <img src="data:image/svg+xml;base64,PHN2Zz4=">',
      '[m1](javascript:alert(1)) [m2](JAVASCRIPT:alert(1)) [m3](&#106;avascript:alert(1))',
      '[m4](java%0ascript:alert(1)) [m5](<javascript:alert(1)>) <javascript:alert(1)>',
      '[m6](data:text/html,<script>alert(1)</script>) [m7](vbscript:x) [m8](file:///etc/passwd)',
      '![i1](javascript:alert(1)) ![i2](https://evil.example/pixel.png)',
    ],
  },
  {
    name: 'SVG and MathML',
    vectors: [
      '<svg onload=alert(1)><script>alert(1)</script></svg>',
      '<svg><a href="javascript:alert(1)"><text x=1 y=9>svg link</text></a></svg>',
      '<svg><animate attributeName=href values=javascript:alert(1) /></svg>',
      '<math><mi href="javascript:alert(1)">math link</mi></math>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '<svg><style><img src=x onerror=alert(1)></style></svg>',
    ],
  },
  {
    name: 'DOM clobbering',
    vectors: [
      '<a id="location" href="https://example.com">c1</a>',
      `<img name="getElementById" src="${PNG}">`,
      '<form name="body"><input name="cookie"></form>',
      '<div id="app">c2</div> <span id="prompt" name="send">c3</span>',
      '<a name="__proto__">c4</a>',
    ],
  },
  {
    name: 'image maps',
    vectors: [
      `<img usemap="#m" src="${PNG}"><map name="m"><area shape="default" href="?x"></map>`,
      '<map><area href="javascript:alert(1)"></map>',
      '<area href="https://example.com">',
      `<a href="https://example.com"><img ismap usemap=#n src="${PNG}"></a>`,
    ],
  },
  {
    name: 'classes and styles',
    vectors: [
      '<div class="toast svelte-abc123">⚠ Your API key was revoked: https://evil.example/key</div>',
      '<span class="md-task toast">t</span> <code class="language-ts svelte-xyz">c</code>',
      '<div style="position:fixed;inset:0;z-index:9999">cover</div>',
      '<style>.markdown{display:none}</style>',
      '<p class="notice error" role="alert">n</p>',
      '<div popover>pop</div>',
      '<div tabindex="0" accesskey="s" autofocus>stop</div> <span role="button" aria-label="Send">x</span>',
      '<div aria-live="assertive">⚠ Your API key was revoked</div>',
    ],
  },
  {
    name: 'forms, frames, objects, base and meta',
    vectors: [
      '<form action="https://evil.example"><button formaction="javascript:alert(1)">go</button></form>',
      '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
      '<object data="javascript:alert(1)"></object> <embed src="https://evil.example/x.swf">',
      '<base href="https://evil.example/">',
      '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
      '<link rel=stylesheet href="https://evil.example/x.css">',
      '<input type=image src=x onerror=alert(1)>',
    ],
  },
  {
    name: 'unclosed tags across stream chunks',
    vectors: [
      '<div class="toast" style="position:fixed',
      '<a href="javascript:alert(1)',
      '<img src=x onerror=alert(1)//',
      '<b onclick=alert(1)>open bold',
      '<!-- unclosed <img src=x onerror=alert(1)>',
      '<scr<script>ipt>alert(1)</scr</script>ipt>',
      '<textarea><img src=x onerror=alert(1)>',
    ],
  },
];

export interface Context {
  name: string;
  place: (vector: string) => string;
}

/** Where a vector can sit in an answer: block, inline, URL and code positions, nested and unfinished ones. */
export const CONTEXTS: readonly Context[] = [
  { name: 'paragraph', place: (v) => `Before ${v} after` },
  { name: 'line of its own', place: (v) => v },
  { name: 'heading', place: (v) => `## ${v}` },
  { name: 'setext heading', place: (v) => `${v}\n===` },
  { name: 'emphasis', place: (v) => `*${v}*` },
  { name: 'strong', place: (v) => `**${v}**` },
  { name: 'strikethrough', place: (v) => `~~${v}~~` },
  { name: 'list item', place: (v) => `- ${v}` },
  { name: 'ordered list item', place: (v) => `3. ${v}` },
  { name: 'nested list', place: (v) => `- outer\n  - inner\n    - ${v}` },
  { name: 'task list item', place: (v) => `- [x] ${v}` },
  { name: 'blockquote', place: (v) => `> ${v}` },
  { name: 'quote in a list', place: (v) => `- > ${v}` },
  { name: 'table cell', place: (v) => `| a | b |\n| - | :-: |\n| ${v} | x |` },
  { name: 'table header', place: (v) => `| ${v} |\n| --- |\n| x |` },
  { name: 'link text', place: (v) => `[${v}](https://example.com)` },
  { name: 'link URL', place: (v) => `[x](${v})` },
  { name: 'link URL in brackets', place: (v) => `[x](<${v}>)` },
  { name: 'link title', place: (v) => `[x](https://example.com "${v}")` },
  { name: 'image alt', place: (v) => `![${v}](${PNG})` },
  { name: 'image URL', place: (v) => `![x](${v})` },
  // Defined first: a streamed reference link resolves only against definitions already finished.
  { name: 'reference definition', place: (v) => `[r]: ${v}\n\n[x][r]` },
  { name: 'autolink', place: (v) => `<${v}>` },
  { name: 'bare URL', place: (v) => `https://example.com/${v}` },
  { name: 'inline code', place: (v) => `\`${v}\`` },
  { name: 'fenced code', place: (v) => `\`\`\`\n${v}\n\`\`\`` },
  { name: 'fence info string', place: (v) => `\`\`\`${v}\ncode\n\`\`\`` },
  { name: 'indented code', place: (v) => `    ${v}` },
  { name: 'raw HTML block', place: (v) => `<div>\n${v}\n</div>` },
  { name: 'inline HTML', place: (v) => `<span>${v}</span> and <kbd>${v}` },
  { name: 'HTML attribute value', place: (v) => `<abbr title="${v}">t</abbr>` },
  { name: 'HTML comment', place: (v) => `<!-- ${v} -->` },
  { name: 'after a partial fence', place: (v) => `\`\`\`\n${v}` },
  { name: 'after a hard break', place: (v) => `line  \n${v}` },
  // marked passes text after an unclosed <kbd>, <code> or <pre> through unescaped; the next paragraph must not inherit that.
  { name: 'after an unclosed raw tag', place: (v) => `Press <kbd>Ctrl\n\n${v}` },
];
