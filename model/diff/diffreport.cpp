#include "diffreport.h"

#include "core/displaytext.h"
#include "report/markdownreport.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <functional>

namespace bulkhead {

namespace {

std::string quotedText(std::string_view text)
{
    return "\"" + displayText(text) + "\"";
}

std::string propertyText(const std::optional<PropertyValue> &value)
{
    return value ? propertyValueToDisplayString(*value) : "(unset)";
}

/** A threat's severity, residual and status: "high, residual medium, open". */
std::string riskText(const ThreatSnapshot &threat)
{
    std::string text = std::string(severityKey(threat.severity)) + ", residual "
                       + std::string(severityKey(threat.residualSeverity)) + ", "
                       + std::string(threatStatusKey(threat.status));
    return threat.needsConfirmation ? text + ", needs confirmation" : text;
}

/** "severity high → critical, status open → accepted": what an updated threat changed. */
std::string riskChangeText(const ThreatChange &change)
{
    std::vector<std::string> parts;
    const ThreatSnapshot &old = *change.before;
    const ThreatSnapshot &now = *change.after;
    if (change.severityChanged())
        parts.push_back("severity " + std::string(severityKey(old.severity)) + " → "
                        + std::string(severityKey(now.severity)));
    if (change.residualSeverityChanged())
        parts.push_back("residual " + std::string(severityKey(old.residualSeverity)) + " → "
                        + std::string(severityKey(now.residualSeverity)));
    if (change.statusChanged())
        parts.push_back("status " + std::string(threatStatusKey(old.status)) + " → "
                        + std::string(threatStatusKey(now.status)));
    if (old.needsConfirmation != now.needsConfirmation)
        parts.push_back(now.needsConfirmation ? "now needs confirmation" : "confirmed");
    std::string text;
    for (const std::string &part : parts)
        text += (text.empty() ? "" : ", ") + part;
    return text;
}

/** For an added or removed item, its fields other than the name, as key=value. */
std::string attributesText(const std::vector<FieldChange> &fields, DiffChangeKind kind)
{
    std::string text;
    for (const FieldChange &field : fields) {
        const std::string &value = kind == DiffChangeKind::Added ? field.after : field.before;
        if (field.field == "name" || field.field == "title" || value.empty())
            continue;
        text += " " + field.field + "=" + quotedText(value);
    }
    return text;
}

char changeMark(DiffChangeKind kind)
{
    return kind == DiffChangeKind::Added ? '+' : kind == DiffChangeKind::Removed ? '-' : '~';
}

void writeItemText(std::ostream &out, const ItemChange &item)
{
    const std::string head = std::string(1, changeMark(item.kind)) + " "
                             + std::string(diffItemTypeKey(item.type)) + " " + displayText(item.id);
    if (item.kind != DiffChangeKind::Changed) {
        out << head << " " << quotedText(item.name) << attributesText(item.fields, item.kind)
            << "\n";
        return;
    }
    for (const FieldChange &field : item.fields)
        out << head << ": " << field.field << " " << quotedText(field.before) << " → "
            << quotedText(field.after) << "\n";
    for (const PropertyChange &property : item.properties)
        out << head << ": property " << displayText(property.name) << " "
            << quotedText(propertyText(property.before)) << " → "
            << quotedText(propertyText(property.after)) << "\n";
}

void writeRegisterText(std::ostream &out, const RegisterChange &entry)
{
    const std::string head = std::string(1, changeMark(entry.kind)) + " register "
                             + displayText(entry.threatId);
    if (entry.kind != DiffChangeKind::Changed) {
        out << head << attributesText(entry.fields, entry.kind) << "\n";
        return;
    }
    for (const FieldChange &field : entry.fields)
        out << head << ": " << field.field << " " << quotedText(field.before) << " → "
            << quotedText(field.after) << "\n";
}

void writeThreatText(std::ostream &out, const ThreatChange &change)
{
    const ThreatSnapshot &threat = change.current();
    const std::string title = ": " + displayText(threat.title);
    switch (change.kind) {
    case ThreatChangeKind::New:
        out << "+ threat " << displayText(threat.id) << " " << riskText(threat) << title << "\n";
        break;
    case ThreatChangeKind::Absent:
        out << "- threat " << displayText(threat.id) << " resolved (was " << riskText(threat) << ")"
            << title << "\n";
        break;
    case ThreatChangeKind::Updated:
        out << "~ threat " << displayText(threat.id) << " " << riskChangeText(change) << title
            << "\n";
        break;
    case ThreatChangeKind::Unchanged:
        break;
    }
}

/** The summary counts, per item type and per kind of change. */
struct ItemCounts
{
    std::size_t added = 0;
    std::size_t removed = 0;
    std::size_t renamed = 0;
    std::size_t moved = 0;
    std::size_t reconnected = 0;
    std::size_t changed = 0;
};

constexpr std::array<DiffItemType, 4> itemTypes{DiffItemType::Boundary, DiffItemType::Element,
                                                DiffItemType::Flow, DiffItemType::ManualThreat};

ItemCounts countItems(const ModelDiff &diff, DiffItemType type)
{
    ItemCounts counts;
    for (const ItemChange &item : diff.items) {
        if (item.type != type)
            continue;
        counts.added += item.kind == DiffChangeKind::Added ? 1 : 0;
        counts.removed += item.kind == DiffChangeKind::Removed ? 1 : 0;
        counts.changed += item.kind == DiffChangeKind::Changed ? 1 : 0;
        counts.renamed += item.renamed() ? 1 : 0;
        counts.moved += item.moved() ? 1 : 0;
        counts.reconnected += item.reconnected() ? 1 : 0;
    }
    return counts;
}

std::size_t countRegister(const ModelDiff &diff, DiffChangeKind kind)
{
    return static_cast<std::size_t>(
        std::count_if(diff.registerChanges.begin(), diff.registerChanges.end(),
                      [&](const RegisterChange &change) { return change.kind == kind; }));
}

nlohmann::ordered_json propertyJson(const std::optional<PropertyValue> &value)
{
    if (!value)
        return nullptr;
    return std::visit([](const auto &v) { return nlohmann::ordered_json(v); }, *value);
}

nlohmann::ordered_json fieldsJson(const std::vector<FieldChange> &fields)
{
    auto json = nlohmann::ordered_json::array();
    for (const FieldChange &field : fields)
        json.push_back({{"field", field.field}, {"before", field.before}, {"after", field.after}});
    return json;
}

nlohmann::ordered_json snapshotJson(const std::optional<ThreatSnapshot> &threat)
{
    if (!threat)
        return nullptr;
    return {{"severity", severityKey(threat->severity)},
            {"residualSeverity", severityKey(threat->residualSeverity)},
            {"status", threatStatusKey(threat->status)},
            {"needsConfirmation", threat->needsConfirmation}};
}

nlohmann::ordered_json summaryJson(const DiffReport &report)
{
    nlohmann::ordered_json summary;
    for (const DiffItemType type : itemTypes) {
        const ItemCounts counts = countItems(report.model, type);
        summary[std::string(diffItemTypeKey(type))] = {{"added", counts.added},
                                                       {"removed", counts.removed},
                                                       {"renamed", counts.renamed},
                                                       {"moved", counts.moved},
                                                       {"reconnected", counts.reconnected},
                                                       {"changed", counts.changed}};
    }
    summary["register"] = {{"added", countRegister(report.model, DiffChangeKind::Added)},
                           {"removed", countRegister(report.model, DiffChangeKind::Removed)},
                           {"changed", countRegister(report.model, DiffChangeKind::Changed)}};
    summary["metadata"] = report.model.metadata.size();
    summary["layoutOnly"] = report.model.layoutOnlyChanges;
    summary["threats"] = {{"new", report.countThreats(ThreatChangeKind::New)},
                          {"resolved", report.countThreats(ThreatChangeKind::Absent)},
                          {"updated", report.countThreats(ThreatChangeKind::Updated)},
                          {"unchanged", report.countThreats(ThreatChangeKind::Unchanged)}};
    return summary;
}

std::string md(std::string_view text)
{
    return markdownEscape(text);
}

/** One <details> section holding a table; nothing when it has no rows. */
void detailsTable(std::ostream &out, const std::string &summary, std::size_t rows,
                  const std::string &header, const std::function<void()> &writeRows)
{
    if (rows == 0)
        return;
    out << "<details><summary>" << summary << " (" << rows << ")</summary>\n\n" << header << "\n";
    writeRows();
    out << "\n</details>\n\n";
}

std::string fieldsMarkdown(const ItemChange &item)
{
    std::string text;
    const auto add = [&](const std::string &line) { text += (text.empty() ? "" : "<br>") + line; };
    for (const FieldChange &field : item.fields) {
        if (item.kind == DiffChangeKind::Changed)
            add(md(field.field) + ": " + md(field.before) + " → " + md(field.after));
        else if (const std::string &value = item.kind == DiffChangeKind::Added ? field.after
                                                                               : field.before;
                 !value.empty())
            add(md(field.field) + ": " + md(value));
    }
    for (const PropertyChange &property : item.properties)
        add(md(property.name) + ": " + md(propertyText(property.before)) + " → "
            + md(propertyText(property.after)));
    return text;
}

std::string itemChangeWords(const ItemChange &item)
{
    if (item.kind != DiffChangeKind::Changed)
        return std::string(diffChangeKindKey(item.kind));
    std::string words;
    const auto add = [&](std::string_view word) {
        words += (words.empty() ? "" : ", ") + std::string(word);
    };
    if (item.renamed())
        add("renamed");
    if (item.moved())
        add("moved");
    if (item.reconnected())
        add("reconnected");
    if (words.empty() || !item.properties.empty())
        add("changed");
    return words;
}

void writeSummaryMarkdown(std::ostream &out, const DiffReport &report)
{
    out << "| Model | Boundaries | Elements | Flows | Manual threats |\n"
           "|---|---:|---:|---:|---:|\n";
    std::array<ItemCounts, itemTypes.size()> counts;
    for (std::size_t i = 0; i < itemTypes.size(); ++i)
        counts[i] = countItems(report.model, itemTypes[i]);
    const auto row = [&](const char *label, std::size_t ItemCounts::*field) {
        out << "| " << label;
        for (const ItemCounts &c : counts)
            out << " | " << c.*field;
        out << " |\n";
    };
    row("Added", &ItemCounts::added);
    row("Removed", &ItemCounts::removed);
    row("Renamed", &ItemCounts::renamed);
    row("Moved between boundaries", &ItemCounts::moved);
    row("Changed (any)", &ItemCounts::changed);
    out << "\n| Threats | New | Resolved | Severity, residual or status changed | Unchanged |\n"
           "|---|---:|---:|---:|---:|\n"
        << "| | " << report.countThreats(ThreatChangeKind::New) << " | "
        << report.countThreats(ThreatChangeKind::Absent) << " | "
        << report.countThreats(ThreatChangeKind::Updated) << " | "
        << report.countThreats(ThreatChangeKind::Unchanged) << " |\n\n"
        << "Register decisions: " << countRegister(report.model, DiffChangeKind::Added)
        << " added, " << countRegister(report.model, DiffChangeKind::Removed) << " removed, "
        << countRegister(report.model, DiffChangeKind::Changed)
        << " changed. Model details: " << report.model.metadata.size()
        << " changed. Layout only: " << report.model.layoutOnlyChanges
        << " items moved on the canvas.\n\n";
}

void writeThreatsMarkdown(std::ostream &out, const DiffReport &report, ThreatChangeKind kind,
                          const std::string &summary)
{
    detailsTable(out, summary, report.countThreats(kind),
                 "| Threat | Subject | Title | Severity, residual, status |\n|---|---|---|---|",
                 [&] {
                     for (const ThreatChange &change : report.threats) {
                         if (change.kind != kind)
                             continue;
                         const ThreatSnapshot &threat = change.current();
                         out << "| " << md(threat.id) << " | " << md(threat.subjectId) << " | "
                             << md(threat.title) << " | "
                             << (kind == ThreatChangeKind::Updated ? riskChangeText(change)
                                                                   : riskText(threat))
                             << " |\n";
                     }
                 });
}

} // namespace

std::string threatRiskText(const ThreatSnapshot &threat)
{
    return riskText(threat);
}

std::string threatRiskChangeText(const ThreatChange &change)
{
    return riskChangeText(change);
}

std::size_t DiffReport::countThreats(ThreatChangeKind kind) const
{
    return static_cast<std::size_t>(
        std::count_if(threats.begin(), threats.end(),
                      [&](const ThreatChange &change) { return change.kind == kind; }));
}

bool DiffReport::hasChanges() const
{
    return !model.empty()
           || std::any_of(threats.begin(), threats.end(), [](const ThreatChange &change) {
                  return change.kind != ThreatChangeKind::Unchanged;
              });
}

void writeDiffText(std::ostream &out, const DiffReport &report)
{
    out << "--- " << displayText(report.oldName) << "\n+++ " << displayText(report.newName) << "\n";
    if (!report.hasChanges()) {
        out << "no changes";
        if (report.model.layoutOnlyChanges)
            out << " (layout only: " << report.model.layoutOnlyChanges
                << " items moved on the canvas)";
        out << "\n";
        return;
    }
    for (const FieldChange &field : report.model.metadata)
        out << "~ model: " << field.field << " " << quotedText(field.before) << " → "
            << quotedText(field.after) << "\n";
    for (const ItemChange &item : report.model.items)
        writeItemText(out, item);
    for (const RegisterChange &entry : report.model.registerChanges)
        writeRegisterText(out, entry);
    for (const ThreatChange &change : report.threats)
        writeThreatText(out, change);
    if (!report.threatsNotCompared.empty())
        out << "threats not compared: " << displayText(report.threatsNotCompared) << "\n";
    out << "threats: " << report.countThreats(ThreatChangeKind::New) << " new, "
        << report.countThreats(ThreatChangeKind::Absent) << " resolved, "
        << report.countThreats(ThreatChangeKind::Updated) << " changed, "
        << report.countThreats(ThreatChangeKind::Unchanged) << " unchanged";
    if (report.model.layoutOnlyChanges)
        out << "; layout only: " << report.model.layoutOnlyChanges << " items moved on the canvas";
    out << "\n";
}

void writeDiffJson(std::ostream &out, const DiffReport &report)
{
    nlohmann::ordered_json json{
        {"format", "bulkhead-diff"},      {"formatVersion", 1},
        {"old", report.oldName},          {"new", report.newName},
        {"equal", !report.hasChanges()},  {"threatsNotCompared", report.threatsNotCompared},
        {"summary", summaryJson(report)}, {"metadata", fieldsJson(report.model.metadata)}};
    auto items = nlohmann::ordered_json::array();
    for (const ItemChange &item : report.model.items) {
        auto properties = nlohmann::ordered_json::array();
        for (const PropertyChange &property : item.properties)
            properties.push_back({{"name", property.name},
                                  {"before", propertyJson(property.before)},
                                  {"after", propertyJson(property.after)}});
        items.push_back({{"type", diffItemTypeKey(item.type)},
                         {"id", item.id},
                         {"change", diffChangeKindKey(item.kind)},
                         {"name", item.name},
                         {"renamed", item.renamed()},
                         {"moved", item.moved()},
                         {"reconnected", item.reconnected()},
                         {"fields", fieldsJson(item.fields)},
                         {"properties", properties}});
    }
    json["items"] = items;
    auto entries = nlohmann::ordered_json::array();
    for (const RegisterChange &entry : report.model.registerChanges)
        entries.push_back({{"threat", entry.threatId},
                           {"change", diffChangeKindKey(entry.kind)},
                           {"fields", fieldsJson(entry.fields)}});
    json["register"] = entries;
    auto threats = nlohmann::ordered_json::array();
    for (const ThreatChange &change : report.threats) {
        if (change.kind == ThreatChangeKind::Unchanged)
            continue;
        const ThreatSnapshot &threat = change.current();
        threats.push_back({{"id", threat.id},
                           {"change", threatChangeKindKey(change.kind)},
                           {"title", threat.title},
                           {"subject", threat.subjectId},
                           {"before", snapshotJson(change.before)},
                           {"after", snapshotJson(change.after)}});
    }
    json["threats"] = threats;
    out << json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void writeDiffMarkdown(std::ostream &out, const DiffReport &report)
{
    out << "### Threat model changes: " << md(report.oldName) << " → " << md(report.newName)
        << "\n\n";
    if (!report.hasChanges()) {
        out << "No changes to the model or its threats (layout only: "
            << report.model.layoutOnlyChanges << " items moved on the canvas).\n";
        return;
    }
    writeSummaryMarkdown(out, report);
    writeThreatsMarkdown(out, report, ThreatChangeKind::New, "New threats");
    writeThreatsMarkdown(out, report, ThreatChangeKind::Absent, "Resolved threats");
    writeThreatsMarkdown(out, report, ThreatChangeKind::Updated,
                         "Threats whose severity, residual or status changed");
    const ModelDiff &model = report.model;
    detailsTable(out, "Model changes", model.items.size() + (model.metadata.empty() ? 0 : 1),
                 "| Item | Id | Name | Change | Details |\n|---|---|---|---|---|", [&] {
                     if (!model.metadata.empty()) {
                         std::string details;
                         for (const FieldChange &field : model.metadata)
                             details += (details.empty() ? "" : "<br>") + md(field.field) + ": "
                                        + md(field.before) + " → " + md(field.after);
                         out << "| model | | | changed | " << details << " |\n";
                     }
                     for (const ItemChange &item : model.items)
                         out << "| " << diffItemTypeKey(item.type) << " | " << md(item.id) << " | "
                             << md(item.name) << " | " << itemChangeWords(item) << " | "
                             << fieldsMarkdown(item) << " |\n";
                 });
    detailsTable(
        out, "Register changes", model.registerChanges.size(),
        "| Threat | Change | Details |\n|---|---|---|", [&] {
            for (const RegisterChange &entry : model.registerChanges) {
                const ItemChange asItem{
                    DiffItemType::ManualThreat, entry.kind, entry.threatId, "", entry.fields, {}};
                out << "| " << md(entry.threatId) << " | " << diffChangeKindKey(entry.kind) << " | "
                    << fieldsMarkdown(asItem) << " |\n";
            }
        });
}

} // namespace bulkhead
