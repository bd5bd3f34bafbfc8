// A small APL renderer for the console's screen preview: it draws a RenderDocument's document
// with its datasources on a viewport, for the components Trust Coach's documents use
// (Container, Frame, Text, ScrollView, Sequence, GridSequence, TouchWrapper, layouts), with
// resources, styles, bind, ${...} data binding, handleTick, SetValue and SendEvent. Not Amazon's
// renderer: a preview; anything it does not know is drawn as a labelled box.
"use strict";

const TrustCoachAPL = (() => {
  // --- Expressions: the subset of APL's data-binding language the documents use ---------------

  const PUNCTUATION = ["===", "!==", "==", "!=", "<=", ">=", "&&", "||", "??",
    "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", "(", ")", "[", "]", ".", ","];

  function tokenize(text) {
    const tokens = [];
    let at = 0;
    while (at < text.length) {
      const rest = text.slice(at);
      const space = /^\s+/.exec(rest);
      if (space) { at += space[0].length; continue; }
      const number = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(rest);
      if (number) { tokens.push({ kind: "value", value: Number(number[0]) }); at += number[0].length; continue; }
      const name = /^[@A-Za-z_$][\w$]*/.exec(rest);
      if (name) { tokens.push({ kind: "name", value: name[0] }); at += name[0].length; continue; }
      if (rest[0] === "'" || rest[0] === '"') {
        const end = text.indexOf(rest[0], at + 1);
        if (end < 0) throw new SyntaxError("an unclosed string");
        tokens.push({ kind: "value", value: text.slice(at + 1, end) });
        at = end + 1;
        continue;
      }
      const mark = PUNCTUATION.find((p) => rest.startsWith(p));
      if (!mark) throw new SyntaxError(`unexpected ${rest[0]}`);
      tokens.push({ kind: "mark", value: mark });
      at += mark.length;
    }
    return tokens;
  }

  const BINARY = {
    "??": [1, (a, b) => (a === null || a === undefined ? b : a)],
    "||": [2, null], "&&": [3, null],
    "==": [4, (a, b) => a === b], "!=": [4, (a, b) => a !== b],
    "===": [4, (a, b) => a === b], "!==": [4, (a, b) => a !== b],
    "<": [5, (a, b) => a < b], ">": [5, (a, b) => a > b],
    "<=": [5, (a, b) => a <= b], ">=": [5, (a, b) => a >= b],
    "+": [6, (a, b) => (typeof a === "string" || typeof b === "string" ? text(a) + text(b) : a + b)],
    "-": [6, (a, b) => a - b],
    "*": [7, (a, b) => a * b], "/": [7, (a, b) => a / b], "%": [7, (a, b) => a % b],
  };

  // Parses tokens into a function of a scope (a Pratt parser).
  function parse(tokens) {
    let at = 0;
    const peek = () => tokens[at];
    const isMark = (mark) => peek() && peek().kind === "mark" && peek().value === mark;
    const expect = (mark) => {
      if (!isMark(mark)) throw new SyntaxError(`expected ${mark}`);
      at += 1;
    };
    function primary() {
      const token = tokens[at++];
      if (!token) throw new SyntaxError("the expression ends too soon");
      if (token.kind === "value") return () => token.value;
      if (token.kind === "name") {
        const word = token.value;
        if (word === "true") return () => true;
        if (word === "false") return () => false;
        if (word === "null") return () => null;
        return (scope) => scope.lookup(word);
      }
      if (token.value === "(") { const inner = expression(0); expect(")"); return inner; }
      if (token.value === "!") { const operand = unary(); return (scope) => !operand(scope); }
      if (token.value === "-") { const operand = unary(); return (scope) => -operand(scope); }
      if (token.value === "+") { const operand = unary(); return (scope) => +operand(scope); }
      throw new SyntaxError(`unexpected ${token.value}`);
    }
    function unary() {
      let node = primary();
      for (;;) {
        if (isMark(".")) {
          at += 1;
          const name = tokens[at++];
          if (!name || name.kind !== "name") throw new SyntaxError("a name must follow '.'");
          const object = node;
          node = (scope) => member(object(scope), name.value);
        } else if (isMark("[")) {
          at += 1;
          const object = node;
          const key = expression(0);
          expect("]");
          node = (scope) => member(object(scope), key(scope));
        } else if (isMark("(")) {
          at += 1;
          const callee = node;
          const args = [];
          while (!isMark(")")) {
            args.push(expression(0));
            if (!isMark(")")) expect(",");
          }
          at += 1;
          node = (scope) => {
            const fn = callee(scope);
            if (typeof fn !== "function") throw new TypeError("not a function");
            return fn(...args.map((arg) => arg(scope)));
          };
        } else {
          return node;
        }
      }
    }
    function expression(minimum) {
      let left = unary();
      for (;;) {
        const token = peek();
        if (token && token.kind === "mark" && token.value === "?" && minimum === 0) {
          at += 1;
          const yes = expression(0);
          expect(":");
          const no = expression(0);
          const test = left;
          left = (scope) => (truthy(test(scope)) ? yes(scope) : no(scope));
          continue;
        }
        const rule = token && token.kind === "mark" && BINARY[token.value];
        if (!rule || rule[0] <= minimum) return left;
        at += 1;
        const right = expression(rule[0]);
        const a = left;
        if (token.value === "&&") left = (scope) => { const v = a(scope); return truthy(v) ? right(scope) : v; };
        else if (token.value === "||") left = (scope) => { const v = a(scope); return truthy(v) ? v : right(scope); };
        else left = (scope) => rule[1](a(scope), right(scope));
      }
    }
    const whole = expression(0);
    if (at !== tokens.length) throw new SyntaxError(`unexpected ${tokens[at].value}`);
    return whole;
  }

  function member(object, key) {
    if (object === null || object === undefined) return null;
    const value = Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
    return value === undefined ? null : value;
  }

  // APL's truthiness: false, null, 0, "" are false (as JavaScript's).
  const truthy = (value) => Boolean(value);
  const text = (value) => (value === null || value === undefined ? "" : String(value));

  const compiled = new Map();
  function compile(source) {
    if (!compiled.has(source)) compiled.set(source, parse(tokenize(source)));
    return compiled.get(source);
  }

  // The ${...} parts of a string, each with its place; braces inside quotes do not count.
  function parts(source) {
    const found = [];
    let at = source.indexOf("${");
    while (at >= 0) {
      let depth = 0;
      let quote = null;
      let end = -1;
      for (let i = at + 2; i < source.length; i++) {
        const c = source[i];
        if (quote) { if (c === quote) quote = null; continue; }
        if (c === "'" || c === '"') quote = c;
        else if (c === "{") depth += 1;
        else if (c === "}") { if (depth === 0) { end = i; break; } depth -= 1; }
      }
      if (end < 0) throw new SyntaxError("an unclosed ${");
      found.push({ start: at, end: end + 1, code: source.slice(at + 2, end) });
      at = source.indexOf("${", end + 1);
    }
    return found;
  }

  // Where a drawing's problems go (an expression that cannot run draws as null, and says so).
  let sink = null;

  function runCode(code, scope) {
    try {
      return compile(code)(scope);
    } catch (error) {
      if (!sink) throw error;
      sink.push(`\${${code}}: ${error.message}`);
      return null;
    }
  }

  // A value with its ${...} parts evaluated: a lone expression keeps its type, a mix is text.
  function evaluate(value, scope) {
    if (Array.isArray(value)) return value.map((item) => evaluate(item, scope));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, scope)]));
    }
    if (typeof value !== "string") return value;
    let found;
    try {
      found = parts(value);
    } catch (error) {
      if (!sink) throw error;
      sink.push(`${value}: ${error.message}`);
      return null;
    }
    if (found.length === 0) return /^@[\w]+$/.test(value) ? scope.lookup(value) : value;
    if (found.length === 1 && found[0].start === 0 && found[0].end === value.length) {
      return runCode(found[0].code, scope);
    }
    let out = "";
    let last = 0;
    for (const part of found) {
      out += value.slice(last, part.start) + text(runCode(part.code, scope));
      last = part.end;
    }
    return out + value.slice(last);
  }

  // --- Scopes and cells: values a bind or a state holds, and who reads them --------------------

  let reading = null;

  function cell(value) {
    return { value, readers: new Set(), set(next) {
      if (next === this.value) return;
      this.value = next;
      for (const reader of [...this.readers]) reader();
    } };
  }

  class Scope {
    constructor(parent) { this.parent = parent; this.names = new Map(); }
    child() { return new Scope(this); }
    define(name, value) { this.names.set(name, { value }); return this; }
    defineCell(name, holder) { this.names.set(name, { cell: holder }); return this; }
    lookup(name) {
      for (let scope = this; scope; scope = scope.parent) {
        const entry = scope.names.get(name);
        if (!entry) continue;
        if (entry.cell) {
          if (reading) reading.add(entry.cell);
          return entry.cell.value;
        }
        return typeof entry.value === "function" && entry.getter ? entry.value() : entry.value;
      }
      return null;
    }
  }

  // Runs fn now and again whenever a cell it read changes.
  function reactive(fn) {
    const run = () => {
      const before = reading;
      reading = new Set();
      try { fn(); } finally {
        for (const holder of reading) holder.readers.add(run);
        reading = before;
      }
    };
    run();
  }

  const MATH = Object.freeze({
    max: Math.max, min: Math.min, floor: Math.floor, ceil: Math.ceil, round: Math.round,
    abs: Math.abs, sqrt: Math.sqrt,
  });

  // --- Rendering ------------------------------------------------------------------------------

  const PRIMITIVES = new Set(["Container", "Frame", "Text", "ScrollView", "Sequence", "GridSequence", "TouchWrapper"]);
  const ALIGN = { start: "flex-start", end: "flex-end", center: "center", stretch: "stretch", baseline: "baseline" };
  const JUSTIFY = { start: "flex-start", end: "flex-end", center: "center", spaceBetween: "space-between",
    spaceAround: "space-around", spaceEvenly: "space-evenly" };
  const DIRECTION = { column: "column", row: "row", columnReverse: "column-reverse", rowReverse: "row-reverse" };
  const TEXT_ALIGN = { left: "left", right: "right", center: "center", auto: "start" };
  const SIZES = ["width", "height", "minWidth", "maxWidth", "minHeight", "maxHeight",
    "paddingLeft", "paddingRight", "paddingTop", "paddingBottom"];
  const asList = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

  // Draws a directive's document on ``host`` for ``viewport`` (a request's context.Viewport).
  // options.onEvent({arguments, source}) receives what a SendEvent sends. Returns the drawn
  // screen, the problems met (what it could not draw as a device would) and stop() for its ticks.
  function render(host, directive, viewport, options) {
    const outer = sink;
    try {
      return draw(host, directive, viewport, options);
    } finally {
      sink = outer;
    }
  }

  function draw(host, directive, viewport, options) {
    const onEvent = (options && options.onEvent) || (() => {});
    const document_ = directive.document || {};
    const dpi = Number(viewport.dpi) || 160;
    const pixels = { width: Number(viewport.pixelWidth) || 1024, height: Number(viewport.pixelHeight) || 600 };
    const scale = dpi / 160;
    const started = performance.now();
    const tickers = [];
    const byId = new Map();
    const problems = [];

    sink = problems;
    const root = new Scope(null);
    root.define("Math", MATH);
    root.names.set("elapsedTime", { value: () => performance.now() - started, getter: true });
    root.define("viewport", {
      width: pixels.width / scale, height: pixels.height / scale, pixelWidth: pixels.width,
      pixelHeight: pixels.height, dpi, shape: String(viewport.shape || "RECTANGLE").toLowerCase(),
      mode: String(viewport.mode || "HUB").toLowerCase(), theme: document_.theme || "dark",
    });

    // Resources: each block whose when holds, later blocks overriding earlier ones.
    for (const block of asList(document_.resources)) {
      if (block.when !== undefined && !truthy(evaluate(block.when, root))) continue;
      for (const group of ["colors", "dimensions", "strings", "numbers", "booleans"]) {
        for (const [name, value] of Object.entries(block[group] || {})) root.define("@" + name, value);
      }
    }

    const template = document_.mainTemplate || {};
    const parameters = asList(template.parameters);
    const data = directive.datasources || {};
    const top = root.child();
    if (parameters.length === 1) top.define(parameters[0], data);
    else for (const name of parameters) top.define(name, data[name] === undefined ? null : data[name]);

    function size(value) {
      if (value === null || value === undefined || value === "auto") return "auto";
      if (typeof value === "number") return `${value * scale}px`;
      const match = /^(-?[\d.]+)\s*(dp|px|vw|vh|%)?$/.exec(String(value).trim());
      if (!match) return "auto";
      const amount = Number(match[1]);
      switch (match[2]) {
        case "px": return `${amount}px`;
        case "%": return `${amount}%`;
        case "vw": return `${(amount * pixels.width) / 100}px`;
        case "vh": return `${(amount * pixels.height) / 100}px`;
        default: return `${amount * scale}px`;
      }
    }

    const resolve = (value, scope) => {
      const found = evaluate(value, scope);
      return typeof found === "string" && /^@[\w]+$/.test(found) ? scope.lookup(found) : found;
    };
    const holds = (when, scope) => when === undefined || truthy(resolve(when, scope));

    // A component's properties: its style's values (each whose when holds), then its own.
    function properties(node, scope) {
      const found = {};
      const style = node.style !== undefined ? (document_.styles || {})[resolve(node.style, scope)] : null;
      if (node.style !== undefined && !style) problems.push(`no style ${node.style}`);
      for (const values of asList(style && style.values)) {
        if (!holds(values.when, scope)) continue;
        for (const [key, value] of Object.entries(values)) if (key !== "when") found[key] = resolve(value, scope);
      }
      for (const [key, value] of Object.entries(node)) {
        if (["type", "when", "items", "item", "data", "bind", "onPress", "handleTick", "firstItem", "lastItem", "style", "description"].includes(key)) continue;
        found[key] = resolve(value, scope);
      }
      return found;
    }

    function inflate(node, scope, state) {
      if (!node || typeof node !== "object") return null;
      if (!holds(node.when, scope)) return null;
      const type = node.type;
      const layout = (document_.layouts || {})[type];
      if (layout) {
        const inner = scope.child();
        for (const parameter of asList(layout.parameters)) {
          const name = typeof parameter === "string" ? parameter : parameter.name;
          const given = node[name] !== undefined ? node[name] : (typeof parameter === "object" ? parameter.default : null);
          inner.define(name, resolve(given, scope));
        }
        for (const item of asList(layout.items !== undefined ? layout.items : layout.item)) {
          const shown = inflate(item, inner, state);
          if (shown) return shown;
        }
        return null;
      }
      if (!PRIMITIVES.has(type)) return unknown(type);
      return primitive(node, scope, state);
    }

    function unknown(type) {
      problems.push(`no component ${type}`);
      const box = document.createElement("div");
      box.className = "apl-unknown";
      box.textContent = `${type}: not drawn by this preview`;
      return box;
    }

    function primitive(node, parentScope, parentState) {
      const type = node.type;
      const scope = parentScope.child();
      for (const bind of asList(node.bind)) {
        let value = resolve(bind.value, scope);
        if (bind.type === "number") value = Number(value);
        else if (bind.type === "boolean") value = truthy(value);
        else if (bind.type === "string") value = text(value);
        scope.defineCell(bind.name, cell(value));
      }
      const state = node.inheritParentState && parentState ? parentState
        : cell({ pressed: false, focused: false, disabled: false, checked: false });
      scope.defineCell("state", state);

      const element = document.createElement(type === "TouchWrapper" ? "button" : "div");
      element.className = `apl apl-${type}`;
      element.dataset.aplType = type;
      if (typeof node.style === "string") element.dataset.aplStyle = node.style;
      const self = { node, scope, element, binds: new Map(asList(node.bind).map((b) => [b.name, scope.names.get(b.name).cell])) };

      reactive(() => style(element, type, properties(node, scope)));
      const id = node.id !== undefined ? text(resolve(node.id, scope)) : "";
      if (id) { element.dataset.aplId = id; byId.set(id, self); }

      const children = (list) => {
        for (const item of list) {
          const child = inflate(item, scope, state);
          if (child) element.append(child);
        }
      };
      const single = () => {
        for (const item of asList(node.items !== undefined ? node.items : node.item)) {
          const child = inflate(item, scope, state);
          if (child) { element.append(child); return; }
        }
      };
      if (type === "Container" || type === "Sequence" || type === "GridSequence") {
        children(asList(node.firstItem));
        const items = asList(node.items !== undefined ? node.items : node.item);
        if (node.data !== undefined) {
          asList(resolve(node.data, scope)).forEach((datum, index, all) => {
            const inner = scope.child().define("data", datum).define("index", index)
              .define("ordinal", index + 1).define("length", all.length);
            for (const item of items) {
              const child = inflate(item, inner, state);
              if (child) { element.append(type === "GridSequence" ? cellOf(node, scope, child) : child); break; }
            }
          });
        } else {
          for (const item of items) {
            const child = inflate(item, scope, state);
            if (child) element.append(type === "GridSequence" ? cellOf(node, scope, child) : child);
          }
        }
        children(asList(node.lastItem));
      } else if (type !== "Text") {
        single();
      }

      if (type === "TouchWrapper") {
        element.type = "button";
        const press = (pressed) => state.set({ ...state.value, pressed });
        element.addEventListener("pointerdown", () => press(true));
        for (const name of ["pointerup", "pointerleave", "pointercancel"]) element.addEventListener(name, () => press(false));
        element.addEventListener("focus", () => state.set({ ...state.value, focused: true }));
        element.addEventListener("blur", () => state.set({ ...state.value, focused: false }));
        element.addEventListener("click", (event) => {
          event.preventDefault();
          const before = sink;
          sink = problems;
          try { run(asList(node.onPress), scope, self, { type, handler: "Press", id }); } finally { sink = before; }
        });
      }
      for (const handler of asList(node.handleTick)) {
        tickers.push({ handler, scope, self, last: 0, source: { type, handler: "Tick", id } });
      }
      return element;
    }

    function cellOf(node, scope, child) {
      const holder = document.createElement("div");
      holder.className = "apl apl-cell";
      holder.style.width = size(resolve(node.childWidth, scope));
      holder.style.height = size(resolve(node.childHeight, scope));
      holder.append(child);
      return holder;
    }

    function style(element, type, props) {
      const css = element.style;
      // APL and CSS share these names (width, paddingLeft, ...).
      for (const key of SIZES) if (props[key] !== undefined) css[key] = size(props[key]);
      if (props.grow !== undefined) css.flexGrow = String(Number(props.grow) || 0);
      if (props.shrink !== undefined) css.flexShrink = String(Number(props.shrink) || 0);
      if (props.alignSelf !== undefined) css.alignSelf = ALIGN[props.alignSelf] || "auto";
      if (props.opacity !== undefined) css.opacity = String(props.opacity);
      if (props.display === "none") css.display = "none";
      if (props.display === "invisible") css.visibility = "hidden";
      if (props.accessibilityLabel) element.setAttribute("aria-label", text(props.accessibilityLabel));
      if (type === "Container") {
        css.flexDirection = DIRECTION[props.direction] || "column";
        css.alignItems = ALIGN[props.alignItems] || "stretch";
        css.justifyContent = JUSTIFY[props.justifyContent] || "flex-start";
        if (props.wrap === "wrap" || props.wrap === "wrapReverse") css.flexWrap = props.wrap === "wrap" ? "wrap" : "wrap-reverse";
      }
      if (type === "Sequence" || type === "GridSequence") {
        const across = props.scrollDirection === "horizontal";
        css.flexDirection = type === "GridSequence" ? (across ? "column" : "row") : (across ? "row" : "column");
      }
      if (type === "Frame") {
        if (props.backgroundColor !== undefined) css.backgroundColor = text(props.backgroundColor);
        if (props.borderRadius !== undefined) css.borderRadius = size(props.borderRadius);
        if (props.borderWidth !== undefined) { css.borderStyle = "solid"; css.borderWidth = size(props.borderWidth); }
        if (props.borderColor !== undefined) css.borderColor = text(props.borderColor);
      }
      if (type === "Text") {
        element.textContent = text(props.text);
        css.color = props.color !== undefined ? text(props.color) : (document_.theme === "light" ? "#1E2222" : "#FAFAFA");
        css.fontSize = size(props.fontSize !== undefined ? props.fontSize : "40dp");
        css.fontWeight = props.fontWeight !== undefined ? text(props.fontWeight) : "normal";
        css.textAlign = TEXT_ALIGN[props.textAlign] || "start";
        css.lineHeight = String(props.lineHeight !== undefined ? props.lineHeight : 1.25);
        if (props.maxLines) { css.webkitLineClamp = String(props.maxLines); element.classList.add("apl-clamp"); }
      }
    }

    function run(commands, scope, self, source) {
      for (const command of commands) {
        if (!command || !holds(command.when, scope)) continue;
        if (command.type === "SendEvent") {
          onEvent({ arguments: asList(resolve(command.arguments, scope)), source });
        } else if (command.type === "SetValue") {
          const target = command.componentId !== undefined ? byId.get(text(resolve(command.componentId, scope))) : self;
          const holder = target && target.binds.get(command.property);
          if (holder) {
            const value = resolve(command.value, scope);
            holder.set(typeof holder.value === "number" ? Number(value) : value);
          } else {
            problems.push(`SetValue of ${command.property}: only bound values are drawn again`);
          }
        } else if (command.type === "Sequential" || command.type === "Parallel") {
          run(asList(command.commands), scope, self, source);
        } else {
          problems.push(`no command ${command.type}`);
        }
      }
    }

    const screen = document.createElement("div");
    screen.className = "apl-screen" + (String(viewport.shape).toUpperCase() === "ROUND" ? " apl-round" : "");
    screen.style.width = `${pixels.width}px`;
    screen.style.height = `${pixels.height}px`;
    for (const item of asList(template.items !== undefined ? template.items : template.item)) {
      const shown = inflate(item, top, null);
      if (shown) { screen.append(shown); break; }
    }
    host.replaceChildren(screen);

    const timer = setInterval(() => {
      const now = performance.now() - started;
      const before = sink;
      sink = problems;
      for (const ticker of tickers) {
        const delay = ticker.handler.minimumDelay !== undefined ? Number(ticker.handler.minimumDelay) : 1000;
        if (now - ticker.last < delay || !holds(ticker.handler.when, ticker.scope)) continue;
        ticker.last = now;
        run(asList(ticker.handler.commands), ticker.scope, ticker.self, ticker.source);
      }
      sink = before;
    }, 50);
    return { screen, problems, stop: () => clearInterval(timer) };
  }

  function evaluateText(source, names) {
    const scope = new Scope(null).define("Math", MATH);
    for (const [name, value] of Object.entries(names || {})) scope.define(name, value);
    return evaluate(source, scope);
  }

  return { render, evaluate: evaluateText };
})();

window.TrustCoachAPL = TrustCoachAPL;
