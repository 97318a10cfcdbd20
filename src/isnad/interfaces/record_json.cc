#include "isnad/interfaces/record_json.h"

#include <cstdio>

#include "isnad/document/dates.h"
#include "isnad/text/utf8.h"

namespace isnad {

void AppendJsonString(std::string_view s, std::string& out) {
  out += '"';
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(s.substr(run));
  out += '"';
}

namespace {

void AppendKey(const char* key, std::string& out) {
  out += '"';
  out += key;
  out += "\":";
}

}  // namespace

void WriteRecord(const Document& doc, const RecordOptions& options, std::string& out) {
  out += '{';
  AppendKey("doc_id", out);
  AppendJsonString(doc.id, out);
  out += ',';
  AppendKey("title", out);
  AppendJsonString(doc.title, out);
  out += ',';
  AppendKey("date", out);
  if (doc.date) {
    char iso[16];
    std::snprintf(iso, sizeof iso, "\"%04d-%02d-%02d\"", doc.date->year, doc.date->month, doc.date->day);
    out += iso;
    out += ',';
    AppendKey("date_text", out);
    AppendJsonString(doc.date->text, out);
    out += ',';
    AppendKey("calendar", out);
    out += doc.date->calendar == Calendar::kHijri ? "\"hijri\"" : "\"gregorian\"";
  } else {
    out += "null,";
    AppendKey("date_text", out);
    out += "null,";
    AppendKey("calendar", out);
    out += "null";
  }
  out += ',';
  AppendKey("authors", out);
  out += '[';
  for (size_t i = 0; i < doc.authors.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(doc.authors[i], out);
  }
  out += "],";
  if (doc.source) {
    AppendKey("source", out);
    AppendJsonString(*doc.source, out);
    out += ',';
  }
  if (doc.url) {
    AppendKey("url", out);
    AppendJsonString(*doc.url, out);
    out += ',';
  }
  utf8::CodePointIndex index(doc.text);
  // A collective actor (the rebels) is listed only when it speaks, acts or
  // claims: otherwise it is just a noun of the story.
  std::vector<bool> has_role(doc.entities.size(), false);
  for (const Quote& q : doc.quotes)
    if (q.speaker >= 0) has_role[q.speaker] = true;
  for (const Relation& r : doc.relations) {
    for (int e : {r.source, r.target, r.location})
      if (e >= 0) has_role[e] = true;
    for (int e : r.claimed_by) has_role[e] = true;
  }
  out += "\"entities\":[";
  bool first_entity = true;
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const Entity& ent = doc.entities[e];
    if (ent.type == EntityType::kMisc || (ent.generic && !has_role[e])) continue;
    if (!first_entity) out += ',';
    first_entity = false;
    out += "{\"id\":\"e" + std::to_string(e + 1) + "\",\"type\":\"" + EntityTypeName(ent.type) + "\",\"name\":";
    AppendJsonString(ent.name, out);
    out += ",\"key\":";
    AppendJsonString(ent.key, out);
    if (ent.leader >= 0) out += ",\"leader\":\"e" + std::to_string(ent.leader + 1) + "\"";
    if (ent.generic) out += ",\"generic\":true";
    out += ",\"mentions\":[";
    for (size_t k = 0; k < ent.mentions.size(); ++k) {
      const Mention& m = doc.mentions[ent.mentions[k]];
      if (k) out += ',';
      out += "{\"start\":" + std::to_string(index.ToCodePoint(m.span.begin)) +
             ",\"end\":" + std::to_string(index.ToCodePoint(m.span.end)) + ",\"text\":";
      AppendJsonString(std::string_view(doc.text).substr(m.span.begin, m.span.end - m.span.begin), out);
      out += '}';
    }
    out += "]}";
  }
  out += "],";
  auto entity_id = [&](int e) {
    return e >= 0 && doc.entities[e].type != EntityType::kMisc ? "\"e" + std::to_string(e + 1) + "\"" : std::string("null");
  };
  auto span_text = [&](Span sp) { return std::string_view(doc.text).substr(sp.begin, sp.end - sp.begin); };
  out += "\"quotes\":[";
  for (size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    if (i) out += ',';
    out += "{\"id\":\"q" + std::to_string(i + 1) + "\",\"speaker\":" + entity_id(q.speaker) + ",\"speaker_text\":";
    if (q.speaker_span.empty()) out += "null";
    else AppendJsonString(span_text(q.speaker_span), out);
    out += ",\"cue\":";
    AppendJsonString(span_text(q.cue), out);
    out += ",\"text\":";
    AppendJsonString(span_text(q.content), out);
    out += ",\"start\":" + std::to_string(index.ToCodePoint(q.content.begin)) +
           ",\"end\":" + std::to_string(index.ToCodePoint(q.content.end));
    if (q.parent >= 0) out += ",\"within\":\"q" + std::to_string(q.parent + 1) + "\"";
    out += '}';
  }
  out += "],\"relations\":[";
  for (size_t i = 0; i < doc.relations.size(); ++i) {
    const Relation& r = doc.relations[i];
    if (i) out += ',';
    out += "{\"source\":" + entity_id(r.source) + ",\"target\":" + entity_id(r.target) + ",\"type\":\"" +
           PloverTypeName(r.type) + "\",\"polarity\":\"" +
           (r.polarity == Polarity::kAsserted ? "asserted" : r.polarity == Polarity::kAlleged ? "alleged" : "denied") +
           "\",\"claimed_by\":[";
    for (size_t k = 0; k < r.claimed_by.size(); ++k) {
      if (k) out += ',';
      out += entity_id(r.claimed_by[k]);
    }
    out += "],\"location\":" + entity_id(r.location) + ",\"date\":";
    if (r.date) {
      AppendJsonString(IsoDate(*r.date), out);
    } else {
      out += "null";
    }
    out += ",\"trigger\":";
    AppendJsonString(span_text(r.trigger), out);
    out += ",\"evidence\":{\"start\":" + std::to_string(index.ToCodePoint(r.evidence.begin)) +
           ",\"end\":" + std::to_string(index.ToCodePoint(r.evidence.end)) + "}}";
  }
  out += ']';
  if (options.text_layers) {
    const TextAnalysis& a = doc.analysis;
    out += ",\"sentences\":[";
    for (size_t i = 0; i < a.sentences.size(); ++i) {
      if (i) out += ',';
      const auto& s = a.sentences[i];
      out += '[' + std::to_string(index.ToCodePoint(a.tokens[s.token_begin].begin)) + ',' +
             std::to_string(index.ToCodePoint(a.tokens[s.token_end - 1].end)) + ']';
    }
    out += "],\"tokens\":[";
    for (size_t i = 0; i < a.tokens.size(); ++i) {
      if (i) out += ',';
      const Token& t = a.tokens[i];
      out += "{\"start\":" + std::to_string(index.ToCodePoint(t.begin)) +
             ",\"end\":" + std::to_string(index.ToCodePoint(t.end)) + ",\"kind\":\"" + TokenKindName(t.kind) +
             "\",\"text\":";
      AppendJsonString(std::string_view(doc.text).substr(t.begin, t.end - t.begin), out);
      if (a.first_segment[i + 1] - a.first_segment[i] > 1) {
        out += ",\"segments\":[";
        for (uint32_t k = a.first_segment[i]; k < a.first_segment[i + 1]; ++k) {
          if (k > a.first_segment[i]) out += ',';
          const Segment& s = a.segments[k];
          AppendJsonString(std::string_view(doc.text).substr(s.begin, s.end - s.begin), out);
        }
        out += ']';
      }
      out += ",\"stem\":";
      AppendJsonString(a.Stem(i), out);
      out += '}';
    }
    out += ']';
  }
  if (!options.provenance.empty()) {
    out += ',';
    AppendKey("isnad", out);
    AppendJsonString(options.provenance, out);
  }
  out += "}\n";
}

}  // namespace isnad
