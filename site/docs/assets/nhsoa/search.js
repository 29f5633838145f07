/* The registry's search, in the browser: the same rules as `nhsoa search`, step for step.
 *
 * The rules are defined once, in the nhsoa library (src/nhsoa/search/): the site build
 * writes the index (every entry's words by field, the NHS vocabulary, the weights) into
 * catalogue-data.js, and this file ranks a query over it exactly as Python does:
 * text.py (words), stem.py (Porter's stemmer) and ranking.py (items, scores, order).
 * The tests run both over the same queries and require the same order. Whole numbers only,
 * so both give the same scores.
 *
 * window.nhsoaSearch.rank(index, query) -> [{id, score, matched}], best first.
 * Also loadable in Node (module.exports), for the tests and benchmarks.
 */
(function (root) {
  "use strict";

  // ---- Words (text.py) ------------------------------------------------------------
  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['\u2019]/g, "");
  }

  var SINGLE_LETTER = /^[a-z]$/, LETTER_AND_LETTER = /^[a-z]&[a-z]$/, JOINED_PLUS = /^[a-z0-9]+(?:\+[a-z0-9]+)+$/;

  function splitRun(run) {
    run = run.replace(/^[&+]+|[&+]+$/g, "");
    if (LETTER_AND_LETTER.test(run)) return [run];
    var pieces = [];
    run.split("&").forEach(function (part) {
      if (JOINED_PLUS.test(part)) pieces.push(part);
      else part.split("+").forEach(function (p) { if (p) pieces.push(p); });
    });
    return pieces;
  }

  function words(text) {
    var runs = fold(text).match(/[a-z0-9&+]+/g) || [], found = [], i = 0;
    while (i < runs.length) {
      // "A & E" written with spaces: a lone "&" between two single letters joins them.
      if (runs[i] === "&" && found.length && SINGLE_LETTER.test(found[found.length - 1]) &&
          i + 1 < runs.length && SINGLE_LETTER.test(runs[i + 1])) {
        found[found.length - 1] += "&" + runs[i + 1];
        i += 2;
        continue;
      }
      Array.prototype.push.apply(found, splitRun(runs[i]));
      i += 1;
    }
    return found;
  }

  // ---- Porter's stemmer (stem.py) --------------------------------------------------
  var WORD = /^[a-z]{3,}$/;
  function byLength(rules) { return rules.slice().sort(function (a, b) { return b[0].length - a[0].length; }); }
  var STEP2 = byLength([
    ["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"],
    ["abli", "able"], ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"],
    ["ization", "ize"], ["ation", "ate"], ["ator", "ate"], ["alism", "al"], ["iveness", "ive"],
    ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"]]);
  var STEP3 = byLength([["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"],
    ["ful", ""], ["ness", ""]]);
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
    "ate", "iti", "ous", "ive", "ize"].sort(function (a, b) { return b.length - a.length; });

  function ends(word, suffix) { return word.length >= suffix.length && word.slice(-suffix.length) === suffix; }
  function consonant(word, i) {
    var c = word[i];
    if ("aeiou".indexOf(c) >= 0) return false;
    if (c === "y") return i === 0 || !consonant(word, i - 1);
    return true;
  }
  function measure(stem) {
    var count = 0, previousVowel = false;
    for (var i = 0; i < stem.length; i++) {
      var vowel = !consonant(stem, i);
      if (previousVowel && !vowel) count++;
      previousVowel = vowel;
    }
    return count;
  }
  function hasVowel(stem) { for (var i = 0; i < stem.length; i++) if (!consonant(stem, i)) return true; return false; }
  function doubleConsonant(w) { return w.length >= 2 && w[w.length - 1] === w[w.length - 2] && consonant(w, w.length - 1); }
  function cvc(w) {
    var n = w.length;
    return n >= 3 && consonant(w, n - 3) && !consonant(w, n - 2) && consonant(w, n - 1) && "wxy".indexOf(w[n - 1]) < 0;
  }
  function afterEdIng(stem) {
    if (ends(stem, "at") || ends(stem, "bl") || ends(stem, "iz")) return stem + "e";
    if (doubleConsonant(stem) && "lsz".indexOf(stem[stem.length - 1]) < 0) return stem.slice(0, -1);
    if (measure(stem) === 1 && cvc(stem)) return stem + "e";
    return stem;
  }
  function step1(word) {
    if (ends(word, "sses") || ends(word, "ies")) word = word.slice(0, -2);
    else if (ends(word, "s") && !ends(word, "ss")) word = word.slice(0, -1);
    if (ends(word, "eed")) {
      if (measure(word.slice(0, -3)) > 0) word = word.slice(0, -1);
    } else {
      var suffixes = ["ed", "ing"];
      for (var i = 0; i < suffixes.length; i++) {
        var s = suffixes[i];
        if (ends(word, s) && hasVowel(word.slice(0, -s.length))) { word = afterEdIng(word.slice(0, -s.length)); break; }
      }
    }
    if (ends(word, "y") && hasVowel(word.slice(0, -1))) word = word.slice(0, -1) + "i";
    return word;
  }
  function replace(word, rules, minimum) {
    for (var i = 0; i < rules.length; i++) {
      if (ends(word, rules[i][0])) {
        var stem = word.slice(0, -rules[i][0].length);
        return measure(stem) > minimum ? stem + rules[i][1] : word;
      }
    }
    return word;
  }
  function step4(word) {
    for (var i = 0; i < STEP4.length; i++) {
      var suffix = STEP4[i];
      if (ends(word, suffix)) {
        var stem = word.slice(0, -suffix.length);
        if (suffix === "ion" && !(ends(stem, "s") || ends(stem, "t"))) return word;
        return measure(stem) > 1 ? stem : word;
      }
    }
    return word;
  }
  function step5(word) {
    if (ends(word, "e")) {
      var m = measure(word.slice(0, -1));
      if (m > 1 || (m === 1 && !cvc(word.slice(0, -1)))) word = word.slice(0, -1);
    }
    if (ends(word, "ll") && measure(word) > 1) word = word.slice(0, -1);
    return word;
  }
  function stem(word) {
    if (!WORD.test(word)) return word;
    if (word.length === 3 && word[2] === "s") return consonant(word, 0) && consonant(word, 1) ? word.slice(0, 2) : word;
    return step5(step4(replace(replace(step1(word), STEP2, 0), STEP3, 0)));
  }

  // ---- The index, made ready once (index.py) ---------------------------------------
  var prepared = typeof WeakMap === "function" ? new WeakMap() : null;

  function prepare(index) {
    var ready = prepared && prepared.get(index);
    if (ready) return ready;
    var phrases = new Map(), longest = 0;
    index.phrases.forEach(function (p) { phrases.set(p[0].join(" "), p[1]); longest = Math.max(longest, p[0].length); });
    ready = {
      index: index, phrases: phrases, longest: longest, decoded: new Array(index.terms.length),
      stopwords: new Set(index.stopwords), statusWords: new Set(index.statusWords)
    };
    if (prepared) prepared.set(index, ready);
    return ready;
  }

  function postings(ready, term) {  // delta-encoded in the file
    var row = ready.decoded[term];
    if (!row) {
      var deltas = ready.index.postings[term], total = 0;
      row = new Array(deltas.length);
      for (var i = 0; i < deltas.length; i++) { total += deltas[i]; row[i] = total; }
      ready.decoded[term] = row;
    }
    return row;
  }

  function findPhrases(ready, stems) {
    var starts = {};
    for (var start = 0; start < stems.length; start++) {
      for (var length = Math.min(ready.longest, stems.length - start); length > 0; length--) {
        var concept = ready.phrases.get(stems.slice(start, start + length).join(" "));
        if (concept !== undefined) { starts[start] = [length, concept]; break; }
      }
    }
    return starts;
  }

  // ---- Ranking (ranking.py) --------------------------------------------------------
  function analyse(ready, text) {
    var raw = words(text), stems = raw.map(stem), starts = findPhrases(ready, stems), items = [], position = 0;
    while (position < stems.length) {
      if (starts[position]) {
        items.push({ term: starts[position][1], word: false, raw: "" });
        position += starts[position][0];
      } else {
        items.push({ term: stems[position], word: true, raw: raw[position] });
        position += 1;
      }
    }
    var chosen = items.filter(function (it) { return !(it.word && ready.stopwords.has(it.raw)); });
    if (!chosen.length) chosen = items;
    // Pairs of neighbouring words, inside vocabulary terms too (ranking.py).
    var paired = stems.filter(function (s, i) { return !ready.stopwords.has(raw[i]); });
    if (!paired.length) paired = stems;
    var all = chosen.slice();
    for (var i = 0; i + 1 < paired.length; i++) all.push({ term: paired[i] + " " + paired[i + 1], word: false });
    var seen = new Set(), kept = [];
    all.forEach(function (it) {
      var key = (it.word ? "w" : "c") + it.term;
      if (!seen.has(key)) { seen.add(key); kept.push({ term: it.term, word: it.word }); }
    });
    return { items: kept, wantsRetired: raw.some(function (w) { return ready.statusWords.has(w); }) };
  }

  function lowerBound(terms, term) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < term) lo = mid + 1; else hi = mid; }
    return lo;
  }

  // Fills exact[e] (fields holding the item) and prefix[e] (fields holding a longer word it
  // begins) for each entry e that holds it, and returns those entries.
  function holding(ready, item, exact, prefix) {
    var index = ready.index, terms = index.terms, bits = index.maskBits, found = [], i, row, entry;
    var at = lowerBound(terms, item.term);
    if (at < terms.length && terms[at] === item.term) {
      row = postings(ready, at);
      for (i = 0; i < row.length; i++) { entry = Math.floor(row[i] / bits); exact[entry] = row[i] % bits; found.push(entry); }
      at += 1;
    }
    if (item.word && item.term.length >= index.prefixMin) {
      for (; at < terms.length && terms[at].lastIndexOf(item.term, 0) === 0; at++) {
        if (terms[at].indexOf(" ") >= 0) continue;  // a pair of words is matched whole, never begun
        row = postings(ready, at);
        for (i = 0; i < row.length; i++) {
          entry = Math.floor(row[i] / bits);
          if (!exact[entry] && !prefix[entry]) found.push(entry);
          prefix[entry] |= row[i] % bits;
        }
      }
    }
    return found;
  }

  function best(weights, mask, divisor) {
    var top = 0;
    for (var bit = 0; bit < weights.length; bit++) if (mask & (1 << bit)) top = Math.max(top, Math.floor(weights[bit] / divisor));
    return top;
  }
  function bitCount(mask) { var n = 0; while (mask) { n += mask & 1; mask >>= 1; } return n; }
  function rarity(holding, total) {
    var doublings = 0;
    while (holding && holding * Math.pow(2, doublings + 1) <= total) doublings++;
    return 1 + doublings;
  }
  function covers(typed, word, prefixMin) { return typed === word || (typed.length >= prefixMin && word.lastIndexOf(typed, 0) === 0); }

  function named(ready, entry, query) {
    var index = ready.index, parts = index.names[entry];
    var typed = query.items.filter(function (it) { return it.word; }).map(function (it) { return it.term; });
    return parts.length > 0 && parts.every(function (part) {
      return typed.some(function (t) { return covers(t, index.terms[part], index.prefixMin); });
    });
  }

  var BREADTH = 8;  // ranking.py: a field's weight counts this much more than being in one more field
  var NAME = 0;

  function rank(index, text) {
    var ready = prepare(index), query = analyse(ready, text), n = index.ids.length, weights = index.weights;
    var score = new Float64Array(n), matched = new Int32Array(n), words = new Int32Array(n), inName = new Int32Array(n);
    var exact = new Uint8Array(n), prefix = new Uint8Array(n), natural = [];
    query.items.forEach(function (item) {
      var found = holding(ready, item, exact, prefix), weight = rarity(found.length, n), pair = item.term.indexOf(" ") >= 0;
      for (var i = 0; i < found.length; i++) {
        var entry = found[i], top = Math.max(best(weights, exact[entry], 1), best(weights, prefix[entry], 2));
        if (!matched[entry]) natural.push(entry);
        score[entry] += weight * (top * BREADTH + bitCount(exact[entry] | prefix[entry]));
        matched[entry] += 1;
        if (!pair) words[entry] += 1;
        if (exact[entry] & (1 << NAME)) inName[entry] += 1;
        exact[entry] = 0;
        prefix[entry] = 0;
      }
    });
    var meta = index.meta;
    natural.sort(function (a, b) {
      return score[b] - score[a] || matched[b] - matched[a] || inName[b] - inName[a] || meta[a][1] - meta[b][1] ||
        meta[b][2] - meta[a][2] || meta[b][3] - meta[a][3] || a - b;
    });
    var places = afterRivals(ready, query, natural, words);
    return natural.sort(byKey(places)).map(function (e) {
      return { id: index.ids[e], score: score[e], matched: matched[e] };
    });
  }

  function byKey(keys) {
    return function (a, b) {
      var ka = keys.get(a), kb = keys.get(b);
      for (var i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
      return 0;
    };
  }

  // A retired tool moves to just after the last live or beta tool that matches as many of the
  // query's words, unless the query names it or asks for retired tools (ranking.py).
  function afterRivals(ready, query, natural, words) {
    var index = ready.index, lastWith = {}, most = 0, count;
    natural.forEach(function (entry, position) {
      if (!index.meta[entry][0]) {
        count = words[entry];
        lastWith[count] = position;
        most = Math.max(most, count);
      }
    });
    var bars = {}, bar = -1;
    for (count = most; count >= 0; count--) {
      if (lastWith[count] !== undefined) bar = Math.max(bar, lastWith[count]);
      bars[count] = bar;
    }
    var places = new Map();
    natural.forEach(function (entry, position) {
      var limit = bars[words[entry]];
      if (limit === undefined) limit = -1;
      if (index.meta[entry][0] && limit > position && !query.wantsRetired && !named(ready, entry, query)) {
        places.set(entry, [limit, 1, position]);
      } else {
        places.set(entry, [position, 0, position]);
      }
    });
    return places;
  }

  var api = { fold: fold, words: words, stem: stem, rank: rank };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.nhsoaSearch = api;
})(typeof self !== "undefined" ? self : this);
