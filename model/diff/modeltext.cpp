#include "modeltext.h"

#include "core/displaytext.h"
#include "core/threatmodel.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace bulkhead {

namespace {

std::string quotedText(std::string_view text)
{
    return "\"" + displayText(text) + "\"";
}

template<typename T>
std::vector<const T *> sortedById(const std::vector<T> &items)
{
    std::vector<const T *> sorted;
    sorted.reserve(items.size());
    for (const T &item : items)
        sorted.push_back(&item);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const T *a, const T *b) { return a->id < b->id; });
    return sorted;
}

void appendProperties(std::string &text, const PropertyMap &properties)
{
    for (const auto &[name, value] : properties)
        text += "    " + displayText(name) + " = " + quotedText(propertyValueToDisplayString(value))
                + "\n";
}

void appendField(std::string &text, std::string_view field, std::string_view value)
{
    text += "  " + std::string(field) + ": " + quotedText(value) + "\n";
}

} // namespace

std::string canonicalModelText(const ThreatModel &model)
{
    std::string text;
    const ModelMetadata &metadata = model.metadata();
    text += "model\n";
    appendField(text, "title", metadata.title);
    appendField(text, "description", metadata.description);
    appendField(text, "owner", metadata.owner);
    for (const std::string &reviewer : metadata.reviewers)
        appendField(text, "reviewer", reviewer);
    appendField(text, "version", metadata.version);
    for (const Boundary *boundary : sortedById(model.boundaries())) {
        text += "boundary " + displayText(boundary->id) + "\n";
        appendField(text, "name", boundary->name);
        appendField(text, "kind", boundary->kind);
        appendField(text, "parent", boundary->parent);
        appendProperties(text, boundary->properties);
    }
    for (const Element *element : sortedById(model.elements())) {
        text += "element " + displayText(element->id) + "\n";
        appendField(text, "name", element->name);
        appendField(text, "kind", element->kind);
        appendField(text, "boundary", element->boundary);
        appendProperties(text, element->properties);
    }
    for (const Flow *flow : sortedById(model.flows())) {
        text += "flow " + displayText(flow->id) + "\n";
        appendField(text, "name", flow->name);
        text += "  " + quotedText(flow->source) + (flow->bidirectional ? " <-> " : " -> ")
                + quotedText(flow->target) + ", opened by the "
                + std::string(flowInitiatorKey(flow->initiator)) + "\n";
        appendProperties(text, flow->properties);
    }
    for (const ManualThreat *threat : sortedById(model.manualThreats())) {
        text += "manual threat " + displayText(threat->id) + "\n";
        appendField(text, "title", threat->title);
        appendField(text, "description", threat->description);
        appendField(text, "stride", threat->stride);
        appendField(text, "target", threat->target);
        text += "  likelihood " + std::to_string(threat->likelihood) + ", impact "
                + std::to_string(threat->impact) + "\n";
    }
    std::vector<const RegisterEntry *> entries;
    for (const RegisterEntry &entry : model.registerEntries())
        entries.push_back(&entry);
    std::stable_sort(
        entries.begin(), entries.end(),
        [](const RegisterEntry *a, const RegisterEntry *b) { return a->threat < b->threat; });
    for (const RegisterEntry *entry : entries) {
        text += "register " + displayText(entry->threat) + "\n";
        appendField(text, "status", threatStatusKey(entry->status));
        appendField(text, "justification", entry->justification);
        appendField(text, "owner", entry->owner);
        if (entry->severityOverride)
            appendField(text, "severity override", severityKey(*entry->severityOverride));
        appendField(text, "notes", entry->notes);
    }
    return text;
}

} // namespace bulkhead
