#include "modelwriter.h"

#include "core/threatmodel.h"
#include "core/version.h"
#include "modelformat.h"
#include "textfile.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace bulkhead {

namespace {

// ordered_json keeps insertion order, which is the documented key order of the format.
using ojson = nlohmann::ordered_json;

ojson number(double value)
{
    // Whole numbers are written without a fraction so "100" stays "100" through a round trip.
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 1e15)
        return static_cast<std::int64_t>(value);
    return value;
}

ojson properties(const PropertyMap &map)
{
    ojson object = ojson::object();
    for (const auto &[name, value] : map)
        object[name] = std::visit([](const auto &v) { return ojson(v); }, value);
    return object;
}

ojson geometry(const Rect &rect)
{
    return ojson{{"x", number(rect.x)},
                 {"y", number(rect.y)},
                 {"w", number(rect.width)},
                 {"h", number(rect.height)}};
}

ojson boundaryJson(const Boundary &b)
{
    return ojson{{"id", b.id},
                 {"kind", b.kind},
                 {"name", b.name},
                 {"parent", b.parent},
                 {"properties", properties(b.properties)},
                 {"geometry", geometry(b.geometry)}};
}

ojson elementJson(const Element &e)
{
    return ojson{{"id", e.id},
                 {"kind", e.kind},
                 {"name", e.name},
                 {"boundary", e.boundary},
                 {"properties", properties(e.properties)},
                 {"geometry", geometry(e.geometry)}};
}

ojson flowJson(const Flow &f)
{
    ojson points = ojson::array();
    for (const Point &p : f.points)
        points.push_back(ojson{{"x", number(p.x)}, {"y", number(p.y)}});
    return ojson{{"id", f.id},
                 {"name", f.name},
                 {"source", f.source},
                 {"target", f.target},
                 {"bidirectional", f.bidirectional},
                 {"initiator", std::string(flowInitiatorKey(f.initiator))},
                 {"properties", properties(f.properties)},
                 {"points", std::move(points)}};
}

ojson registerJson(const RegisterEntry &r)
{
    ojson entry{{"threat", r.threat},
                {"status", std::string(threatStatusKey(r.status))},
                {"justification", r.justification},
                {"owner", r.owner}};
    if (r.severityOverride)
        entry["severityOverride"] = std::string(severityKey(*r.severityOverride));
    entry["notes"] = r.notes;
    return entry;
}

ojson manualThreatJson(const ManualThreat &t)
{
    return ojson{{"id", t.id},         {"title", t.title},   {"description", t.description},
                 {"stride", t.stride}, {"target", t.target}, {"likelihood", t.likelihood},
                 {"impact", t.impact}};
}

template<typename T, typename Convert>
ojson arrayOf(const std::vector<T> &items, Convert convert)
{
    ojson array = ojson::array();
    for (const T &item : items)
        array.push_back(convert(item));
    return array;
}

ojson metadataJson(const ModelMetadata &meta)
{
    ojson out{{"title", meta.title},
              {"description", meta.description},
              {"owner", meta.owner},
              {"reviewers", meta.reviewers}};
    // Written only when set, so that files without one read as they always did.
    if (!meta.version.empty())
        out["version"] = meta.version;
    return out;
}

ojson importRecordJson(const ImportRecord &record)
{
    ojson items = ojson::array();
    for (const ImportedItem &item : record.items)
        items.push_back(ojson{{"id", item.id},
                              {"identity", item.identity},
                              {"name", item.name},
                              {"properties", properties(item.properties)}});
    return ojson{
        {"importer", record.importer}, {"files", record.files}, {"items", std::move(items)}};
}

} // namespace

std::string writeModelText(const ThreatModel &model)
{
    const ModelMetadata &meta = model.metadata();
    ojson document{
        {"format", modelFormatName},
        {"formatVersion", currentModelFormatVersion},
        {"generator", std::string("bulkhead ") + bulkheadVersion},
        {"model", metadataJson(meta)},
        {"boundaries", arrayOf(model.boundaries(), boundaryJson)},
        {"elements", arrayOf(model.elements(), elementJson)},
        {"flows", arrayOf(model.flows(), flowJson)},
        {"register", arrayOf(model.registerEntries(), registerJson)},
        {"manualThreats", arrayOf(model.manualThreats(), manualThreatJson)},
    };
    // Written only for an imported model, so that files drawn by hand read as they always did.
    if (!model.importRecord().empty())
        document["import"] = importRecordJson(model.importRecord());
    // Invalid UTF-8 in a name (possible only through the API) is replaced, never thrown.
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Status writeModelFile(const ThreatModel &model, const std::filesystem::path &path)
{
    return writeFileAtomically(path, writeModelText(model));
}

} // namespace bulkhead
