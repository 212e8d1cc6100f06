#include "modelreader.h"

#include "jsonfields.h"
#include "jsontext.h"
#include "modelformat.h"
#include "modelmigrations.h"
#include "textfile.h"

#include "core/displaytext.h"
#include "core/modellimits.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace bulkhead {

namespace {

using nlohmann::json;
using namespace jsonfields;

// The budgets of core/limits.h, each refused with one error naming where it is exceeded, so a
// hostile file costs no more than reading it: see "Limits" in docs/file-format.md.

void checkNameLength(const std::string &text, const std::string &pointer,
                     std::size_t limit = limits::maxNameLength)
{
    if (text.size() <= limit)
        return;
    if (const std::size_t length = characterCount(text); length > limit) {
        throw FormatError{pointer,
                          groupedNumber(length)
                              + " characters long; names, ids and references are limited to "
                              + groupedNumber(limit) + " characters"};
    }
}

void checkTextLength(const std::string &text, const std::string &pointer)
{
    if (!withinTextLength(text)) {
        throw FormatError{pointer, groupedNumber(text.size()) + " bytes long; texts are limited to "
                                       + groupedNumber(limits::maxTextBytes) + " bytes (64 KiB)"};
    }
}

/** A short string: an id, a kind, a name, a reference to an id. */
std::string nameValue(const json &value, const std::string &pointer,
                      std::size_t limit = limits::maxNameLength)
{
    std::string text = stringValue(value, pointer);
    checkNameLength(text, pointer, limit);
    return text;
}

std::string optionalName(const json &object, std::string_view key, const std::string &pointer,
                         std::string fallback = {})
{
    std::string text = optionalString(object, key, pointer, std::move(fallback));
    checkNameLength(text, child(pointer, key));
    return text;
}

/** A long string: a description, a justification, notes. */
std::string optionalText(const json &object, std::string_view key, const std::string &pointer)
{
    std::string text = optionalString(object, key, pointer);
    checkTextLength(text, child(pointer, key));
    return text;
}

void checkCount(const json &items, std::size_t limit, const char *key)
{
    if (items.size() > limit) {
        throw FormatError{child("", key), groupedNumber(items.size()) + " " + key
                                              + "; a model holds at most " + groupedNumber(limit)};
    }
}

double coordinateValue(const json &value, const std::string &pointer)
{
    const double number = numberValue(value, pointer);
    if (!withinCoordinateRange(number)) {
        std::ostringstream shown;
        shown << number;
        throw FormatError{
            pointer, shown.str()
                         + " is outside the drawing area (coordinates and sizes lie within ±"
                         + groupedNumber(static_cast<std::size_t>(limits::maxCoordinate)) + ")"};
    }
    return number;
}

PropertyMap readProperties(const json &object, const std::string &pointer)
{
    PropertyMap properties;
    const auto it = object.find("properties");
    if (it == object.end())
        return properties;
    const std::string here = child(pointer, "properties");
    expectObject(*it, here);
    for (const auto &[name, value] : it->items()) {
        const std::string at = child(here, name);
        checkNameLength(name, at);
        PropertyValue property = propertyValue(value, at);
        if (const auto *text = std::get_if<std::string>(&property)) {
            checkTextLength(*text, at);
        } else if (const auto *list = std::get_if<StringList>(&property)) {
            for (std::size_t i = 0; i < list->size(); ++i)
                checkTextLength((*list)[i], child(at, i));
        }
        properties.emplace(name, std::move(property));
    }
    return properties;
}

Rect readGeometry(const json &object, const std::string &pointer)
{
    const auto it = object.find("geometry");
    if (it == object.end())
        return {};
    const std::string here = child(pointer, "geometry");
    expectObject(*it, here);
    rejectUnknownKeys(*it, {"x", "y", "w", "h"}, here);
    Rect rect;
    rect.x = coordinateValue(required(*it, "x", here), child(here, "x"));
    rect.y = coordinateValue(required(*it, "y", here), child(here, "y"));
    rect.width = coordinateValue(required(*it, "w", here), child(here, "w"));
    rect.height = coordinateValue(required(*it, "h", here), child(here, "h"));
    if (rect.width < 0 || rect.height < 0)
        throw FormatError{here, "width and height must not be negative"};
    return rect;
}

std::vector<Point> readPoints(const json &object, const std::string &pointer)
{
    std::vector<Point> points;
    readObjectArray(object, "points", pointer, {"x", "y"},
                    [&](const json &p, const std::string &at) {
                        points.push_back({coordinateValue(required(p, "x", at), child(at, "x")),
                                          coordinateValue(required(p, "y", at), child(at, "y"))});
                    });
    return points;
}

const json *optionalArray(const json &document, const char *key)
{
    const auto it = document.find(key);
    if (it == document.end())
        return nullptr;
    expectArray(*it, child("", key));
    return &*it;
}

void readMetadata(const json &document, ModelMetadata &metadata)
{
    const auto it = document.find("model");
    if (it == document.end())
        return;
    const std::string here = "/model";
    expectObject(*it, here);
    rejectUnknownKeys(*it, {"title", "description", "owner", "reviewers", "version"}, here);
    metadata.title = optionalName(*it, "title", here);
    metadata.description = optionalText(*it, "description", here);
    metadata.owner = optionalName(*it, "owner", here);
    metadata.version = optionalName(*it, "version", here);
    metadata.reviewers = optionalStringList(*it, "reviewers", here);
    for (std::size_t i = 0; i < metadata.reviewers.size(); ++i)
        checkNameLength(metadata.reviewers[i], child(child(here, "reviewers"), i));
}

void readBoundaries(const json &document, ThreatModel &model)
{
    const json *items = optionalArray(document, "boundaries");
    if (items)
        checkCount(*items, limits::maxBoundaries, "boundaries");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        const std::string at = child("/boundaries", i);
        const json &item = (*items)[i];
        expectObject(item, at);
        rejectUnknownKeys(item, {"id", "kind", "name", "parent", "properties", "geometry"}, at);
        Boundary boundary;
        boundary.id = nameValue(required(item, "id", at), child(at, "id"));
        if (boundary.id.empty())
            throw FormatError{child(at, "id"), "id must not be empty"};
        boundary.kind = nameValue(required(item, "kind", at), child(at, "kind"));
        boundary.name = optionalName(item, "name", at);
        boundary.parent = optionalName(item, "parent", at);
        boundary.properties = readProperties(item, at);
        boundary.geometry = readGeometry(item, at);
        model.addBoundary(std::move(boundary));
    }
    // Deeper nesting would make every walk up the chain as long; cycles are validation's.
    const std::vector<std::size_t> levels = boundaryNestingLevels(model);
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (levels[i] > limits::maxBoundaryDepth) {
            throw FormatError{child(child("/boundaries", i), "parent"),
                              "nested " + groupedNumber(levels[i]) + " boundaries deep; at most "
                                  + groupedNumber(limits::maxBoundaryDepth)
                                  + " levels are supported"};
        }
    }
}

void readElements(const json &document, ThreatModel &model)
{
    const json *items = optionalArray(document, "elements");
    if (items)
        checkCount(*items, limits::maxElements, "elements");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        const std::string at = child("/elements", i);
        const json &item = (*items)[i];
        expectObject(item, at);
        rejectUnknownKeys(item, {"id", "kind", "name", "boundary", "properties", "geometry"}, at);
        Element element;
        element.id = nameValue(required(item, "id", at), child(at, "id"));
        if (element.id.empty())
            throw FormatError{child(at, "id"), "id must not be empty"};
        element.kind = nameValue(required(item, "kind", at), child(at, "kind"));
        element.name = optionalName(item, "name", at);
        element.boundary = optionalName(item, "boundary", at);
        element.properties = readProperties(item, at);
        element.geometry = readGeometry(item, at);
        model.addElement(std::move(element));
    }
}

void readFlows(const json &document, ThreatModel &model)
{
    const json *items = optionalArray(document, "flows");
    if (items)
        checkCount(*items, limits::maxFlows, "flows");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        const std::string at = child("/flows", i);
        const json &item = (*items)[i];
        expectObject(item, at);
        rejectUnknownKeys(item,
                          {"id", "name", "source", "target", "bidirectional", "initiator",
                           "properties", "points"},
                          at);
        Flow flow;
        flow.id = nameValue(required(item, "id", at), child(at, "id"));
        if (flow.id.empty())
            throw FormatError{child(at, "id"), "id must not be empty"};
        flow.name = optionalName(item, "name", at);
        flow.source = nameValue(required(item, "source", at), child(at, "source"));
        flow.target = nameValue(required(item, "target", at), child(at, "target"));
        flow.bidirectional = optionalBool(item, "bidirectional", at, false);
        const std::string initiator = optionalString(item, "initiator", at, "source");
        const auto parsedInitiator = flowInitiatorFromKey(initiator);
        if (!parsedInitiator)
            throw FormatError{child(at, "initiator"), "unknown initiator "
                                                          + displayQuoted(initiator)
                                                          + " (expected source or target)"};
        flow.initiator = *parsedInitiator;
        flow.properties = readProperties(item, at);
        flow.points = readPoints(item, at);
        model.addFlow(std::move(flow));
    }
}

void readRegister(const json &document, ThreatModel &model)
{
    const json *items = optionalArray(document, "register");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        const std::string at = child("/register", i);
        const json &item = (*items)[i];
        expectObject(item, at);
        rejectUnknownKeys(
            item, {"threat", "status", "justification", "owner", "severityOverride", "notes"}, at);
        RegisterEntry entry;
        entry.threat = nameValue(required(item, "threat", at), child(at, "threat"),
                                 limits::maxThreatIdLength);
        if (entry.threat.empty())
            throw FormatError{child(at, "threat"), "threat id must not be empty"};
        const std::string status = optionalString(item, "status", at, "open");
        entry.status = threatStatusValue(status, child(at, "status"));
        entry.justification = optionalText(item, "justification", at);
        entry.owner = optionalName(item, "owner", at);
        if (const auto it = item.find("severityOverride"); it != item.end() && !it->is_null()) {
            const std::string severity = stringValue(*it, child(at, "severityOverride"));
            entry.severityOverride = severityValue(severity, child(at, "severityOverride"));
        }
        entry.notes = optionalText(item, "notes", at);
        model.appendRegisterEntry(std::move(entry));
    }
}

int ratingValue(const json &item, const char *key, const std::string &pointer)
{
    const auto it = item.find(key);
    if (it == item.end())
        return 2;
    const std::int64_t value = integerValue(*it, child(pointer, key));
    if (value < 1 || value > 4)
        throw FormatError{child(pointer, key), "must be between 1 and 4"};
    return static_cast<int>(value);
}

void readManualThreats(const json &document, ThreatModel &model)
{
    const json *items = optionalArray(document, "manualThreats");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        const std::string at = child("/manualThreats", i);
        const json &item = (*items)[i];
        expectObject(item, at);
        rejectUnknownKeys(
            item, {"id", "title", "description", "stride", "target", "likelihood", "impact"}, at);
        ManualThreat threat;
        threat.id = nameValue(required(item, "id", at), child(at, "id"));
        if (threat.id.empty())
            throw FormatError{child(at, "id"), "id must not be empty"};
        threat.title = optionalName(item, "title", at);
        threat.description = optionalText(item, "description", at);
        threat.stride = optionalName(item, "stride", at);
        if (threat.stride.find_first_not_of("STRIDE") != std::string::npos)
            throw FormatError{child(at, "stride"), "STRIDE letters must be among S, T, R, I, D, E"};
        threat.target = optionalName(item, "target", at);
        threat.likelihood = ratingValue(item, "likelihood", at);
        threat.impact = ratingValue(item, "impact", at);
        model.addManualThreat(std::move(threat));
    }
}

void readImportRecord(const json &document, ImportRecord &record)
{
    const auto it = document.find("import");
    if (it == document.end())
        return;
    const std::string at = "/import";
    expectObject(*it, at);
    rejectUnknownKeys(*it, {"importer", "files", "items"}, at);
    record.importer = optionalName(*it, "importer", at);
    for (const std::string &file : optionalStringList(*it, "files", at))
        record.files.push_back(file);
    // Each item records an element, boundary or flow, so their budgets bound the list too.
    constexpr std::size_t maxItems = limits::maxElements + limits::maxFlows + limits::maxBoundaries;
    if (const auto items = it->find("items"); items != it->end() && items->size() > maxItems)
        throw FormatError{child(at, "items"), groupedNumber(items->size())
                                                  + " import items; a model holds at most "
                                                  + groupedNumber(maxItems)};
    readObjectArray(*it, "items", at, {"id", "identity", "name", "properties"},
                    [&](const json &item, const std::string &here) {
                        ImportedItem imported;
                        imported.id = optionalName(item, "id", here);
                        imported.identity = optionalName(item, "identity", here);
                        imported.name = optionalName(item, "name", here);
                        imported.properties = readProperties(item, here);
                        record.items.push_back(std::move(imported));
                    });
}

int readFormatHeader(const json &document)
{
    expectObject(document, "");
    const std::string format = stringValue(required(document, "format", ""), "/format");
    if (format != modelFormatName) {
        throw FormatError{"/format", "this is not a Bulkhead model (format is "
                                         + displayQuoted(format) + ", expected \"" + modelFormatName
                                         + "\")"};
    }
    const std::int64_t version = integerValue(required(document, "formatVersion", ""),
                                              "/formatVersion");
    if (version > currentModelFormatVersion) {
        throw FormatError{"/formatVersion", "formatVersion " + std::to_string(version)
                                                + " is newer than this Bulkhead understands (up to "
                                                + std::to_string(currentModelFormatVersion)
                                                + "); open it with a newer Bulkhead"};
    }
    if (version < modelmigrations::oldestSupportedVersion()) {
        throw FormatError{"/formatVersion",
                          "formatVersion " + std::to_string(version) + " is not supported"};
    }
    return static_cast<int>(version);
}

} // namespace

Result<LoadedModel> readModelText(std::string_view text, const std::string &sourceName)
{
    auto parsed = jsontext::parse(text, sourceName);
    if (!parsed)
        return Result<LoadedModel>::failure(parsed.error());
    json &document = *parsed;
    LoadedModel loaded;
    try {
        loaded.sourceFormatVersion = readFormatHeader(document);
        if (loaded.sourceFormatVersion < currentModelFormatVersion) {
            modelmigrations::migrateToCurrent(document, loaded.sourceFormatVersion,
                                              loaded.migrationNotes);
        }
        rejectUnknownKeys(document,
                          {"format", "formatVersion", "generator", "model", "boundaries",
                           "elements", "flows", "register", "manualThreats", "import"},
                          "");
        if (document.contains("generator"))
            stringValue(document["generator"], "/generator");
        readMetadata(document, loaded.model.metadata());
        readBoundaries(document, loaded.model);
        readElements(document, loaded.model);
        readFlows(document, loaded.model);
        readRegister(document, loaded.model);
        readManualThreats(document, loaded.model);
        readImportRecord(document, loaded.model.importRecord());
    } catch (const FormatError &error) {
        // After a migration that moved or renamed keys the positions refer to the migrated
        // document, which no longer matches the text; the path alone still names the place.
        const bool moved = !loaded.migrationNotes.empty()
                           && !modelmigrations::keepsPositions(loaded.sourceFormatVersion);
        return Result<LoadedModel>::failure(
            describe(moved ? std::string_view() : text, sourceName, error));
    } catch (const json::exception &error) {
        return Result<LoadedModel>::failure(describe(sourceName, error));
    }
    return loaded;
}

Result<LoadedModel> readModelFile(const std::filesystem::path &path)
{
    const auto text = readTextFile(path);
    if (!text)
        return Result<LoadedModel>::failure(text.error());
    return readModelText(*text, path.string());
}

} // namespace bulkhead
