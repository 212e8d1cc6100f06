#include "propertysheet.h"

#include "catalog.h"
#include "core/contextdefaults.h"
#include "core/threatmodel.h"
#include "deployment.h"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

namespace bulkhead {

namespace {

std::optional<SheetItem> readItem(const Catalog &catalog, const ThreatModel &model,
                                  const std::string &id)
{
    const ItemRef ref = findItem(model, id);
    if (!ref)
        return std::nullopt;
    SheetItem item;
    item.id = id;
    item.type = ref.kind();
    item.name = ref.name();
    item.properties = &ref.properties();
    item.element = ref.element();
    if (item.element)
        item.kindId = item.element->kind;
    else if (const Boundary *b = ref.boundary())
        item.kindId = b->kind;
    if (item.type != ItemKind::Flow)
        item.kind = catalog.findKind(item.kindId);
    if (item.kind && item.type == ItemKind::Element)
        item.deployedAs = deployedKindOf(*item.kind, *item.properties);
    return item;
}

std::optional<PropertyValue> storedValue(const SheetItem &item, std::string_view name)
{
    const auto it = item.properties->find(std::string(name));
    return it == item.properties->end() ? std::nullopt : std::optional<PropertyValue>(it->second);
}

bool definedBy(const ElementKind *kind, const PropertySpec *spec)
{
    return kind
           && std::any_of(kind->properties.begin(), kind->properties.end(),
                          [spec](const PropertySpec &own) { return &own == spec; });
}

/** The kind whose own schema holds the spec: the item's, the one it is deployed as, or null. */
const ElementKind *owningKind(const SheetItem &item, const PropertySpec *spec)
{
    if (definedBy(item.kind, spec))
        return item.kind;
    return definedBy(item.deployedAs, spec) ? item.deployedAs : nullptr;
}

/** Common to every element (or boundary, or flow) rather than the kind's own. */
bool isCommon(const SheetItem &item, const PropertySpec *spec)
{
    return !owningKind(item, spec);
}

/** Narrows `merged` to what `other` allows too: shared enum values, the tighter int range. */
void intersect(PropertySpec &merged, const PropertySpec &other)
{
    if (merged.type == PropertyType::Enum) {
        std::erase_if(merged.values, [&other](const std::string &value) {
            return std::find(other.values.begin(), other.values.end(), value) == other.values.end();
        });
    }
    if (other.minimum)
        merged.minimum = merged.minimum ? std::max(*merged.minimum, *other.minimum) : other.minimum;
    if (other.maximum)
        merged.maximum = merged.maximum ? std::min(*merged.maximum, *other.maximum) : other.maximum;
}

} // namespace

PropertySheet::PropertySheet(const Catalog &catalog, const ThreatModel &model,
                             const std::vector<std::string> &ids)
    : m_catalog(catalog)
    , m_model(model)
{
    for (const std::string &id : ids) {
        if (std::optional<SheetItem> item = readItem(catalog, model, id))
            m_items.push_back(std::move(*item));
    }
    m_unknownKind = std::any_of(m_items.begin(), m_items.end(), [](const SheetItem &item) {
        return item.type != ItemKind::Flow && !item.kind;
    });
    if (m_items.empty())
        return;
    for (const std::string &name : schemaNames(m_items.front())) {
        if (std::optional<SheetRow> row = mergedRow(name))
            m_rows.push_back(std::move(*row));
    }
    addUnknownRows();
}

const PropertySpec *PropertySheet::specFor(const SheetItem &item, std::string_view name) const
{
    if (item.type == ItemKind::Flow)
        return m_catalog.findFlowProperty(name);
    if (item.kind)
        return m_catalog.findElementProperty(*item.kind, *item.properties, name);
    return nullptr;
}

std::vector<std::string> PropertySheet::schemaNames(const SheetItem &item) const
{
    std::vector<std::string> names;
    auto add = [&names](const std::string &name) {
        if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
    };
    if (item.type == ItemKind::Flow) {
        for (const PropertySpec &spec : m_catalog.flowProperties())
            add(spec.name);
    } else if (item.kind) {
        for (const PropertySpec *spec : m_catalog.propertiesOf(*item.kind))
            add(spec->name);
        if (item.deployedAs) {
            for (const PropertySpec &spec : item.deployedAs->properties)
                add(spec.name);
        }
    }
    return names;
}

std::optional<SheetRow> PropertySheet::mergedRow(const std::string &name) const
{
    const PropertySpec *first = specFor(m_items.front(), name);
    SheetRow row;
    row.name = name;
    row.spec = *first;
    bool common = isCommon(m_items.front(), first);
    for (std::size_t i = 1; i < m_items.size(); ++i) {
        const PropertySpec *spec = specFor(m_items[i], name);
        if (!spec || spec->type != first->type)
            return std::nullopt;
        common = common && isCommon(m_items[i], spec);
        intersect(row.spec, *spec);
    }
    if (row.spec.type == PropertyType::Enum && row.spec.values.empty())
        return std::nullopt;

    row.fromKind = owningKind(m_items.front(), first);
    row.fromDeployedKind = row.fromKind && row.fromKind == m_items.front().deployedAs;
    row.fullLabel = propertyLabel(*first);
    row.label = row.fullLabel;
    const auto dot = name.find('.');
    if (common) {
        row.section = SheetSection::General;
    } else if (dot == std::string::npos) {
        row.section = SheetSection::Kind;
    } else {
        row.section = SheetSection::Prefix;
        row.prefixTitle = readablePropertyName(std::string_view(name).substr(0, dot));
        if (first->label.empty())
            row.label = readablePropertyName(std::string_view(name).substr(dot + 1));
    }
    return row;
}

void PropertySheet::addUnknownRows()
{
    std::set<std::string> unknown;
    for (const SheetItem &item : m_items) {
        for (const auto &[name, value] : *item.properties) {
            if (!specFor(item, name))
                unknown.insert(name);
        }
    }
    for (const std::string &name : unknown) {
        SheetRow row;
        row.name = name;
        row.spec.name = name;
        row.section = SheetSection::NotInCatalog;
        row.label = name;
        row.fullLabel = name;
        m_rows.push_back(std::move(row));
    }
}

const SheetRow *PropertySheet::findRow(std::string_view name) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(),
                                 [name](const SheetRow &row) { return row.name == name; });
    return it == m_rows.end() ? nullptr : &*it;
}

std::string PropertySheet::shapeKey() const
{
    if (m_items.empty())
        return "-";
    std::set<std::string> kinds;
    for (const SheetItem &item : m_items)
        kinds.insert(std::to_string(int(item.type)) + ':' + item.kindId
                     + (item.deployedAs ? '+' + item.deployedAs->id : std::string()));
    std::string key = m_items.size() == 1 ? "1" : "n";
    for (const std::string &kind : kinds)
        key += '|' + kind;
    key += "|?";
    for (const SheetRow &row : m_rows) {
        if (!row.inCatalog())
            key += '|' + row.name;
    }
    return key;
}

SheetRowState PropertySheet::state(const SheetRow &row) const
{
    SheetRowState state;
    std::vector<std::optional<PropertyValue>> values;
    const PropertySpec *firstSpec = nullptr;
    for (const SheetItem &item : m_items) {
        std::optional<PropertyValue> value = storedValue(item, row.name);
        state.anyExplicit = state.anyExplicit || value.has_value();
        if (row.inCatalog()) {
            const PropertySpec *spec = specFor(item, row.name);
            if (!spec)
                continue; // the row comes from an older sheet
            std::string note;
            PropertyValue itemDefault = defaultFor(item, row.name, *spec, &note);
            if (!firstSpec) {
                firstSpec = spec;
                state.defaultValue = itemDefault;
                state.defaultNote = std::move(note);
            } else if (state.defaultValue != itemDefault) {
                state.defaultsDiffer = true;
            }
            if (!value)
                value = std::move(itemDefault);
        }
        values.push_back(std::move(value));
    }
    state.mixed = std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>())
                  != values.end();
    if (!state.mixed && !values.empty())
        state.value = values.front();
    if (row.inCatalog() && state.value)
        state.problem = row.spec.checkValue(*state.value);
    return state;
}

std::optional<PropertyValue> PropertySheet::effectiveValue(std::size_t item,
                                                           std::string_view name) const
{
    if (item >= m_items.size())
        return std::nullopt;
    if (std::optional<PropertyValue> stored = storedValue(m_items[item], name))
        return stored;
    if (const PropertySpec *spec = specFor(m_items[item], name))
        return defaultFor(m_items[item], name, *spec);
    return std::nullopt;
}

PropertyValue PropertySheet::defaultFor(const SheetItem &item, std::string_view name,
                                        const PropertySpec &spec, std::string *note) const
{
    // A container's, or an element's deployed as one: contextDefault() tells them apart.
    if (item.element && hasContextDefault("container", name)) {
        if (std::optional<ContextDefault> assumed = contextDefault(m_model, *item.element, name)) {
            if (note)
                *note = "Assumed from where it sits: " + assumed->reason;
            return std::move(assumed->value);
        }
    }
    if (note)
        *note = spec.defaultNote;
    return spec.defaultValue;
}

bool PropertySheet::defaultIsEmpty(std::string_view name) const
{
    return std::all_of(m_items.begin(), m_items.end(), [this, name](const SheetItem &item) {
        const PropertySpec *spec = specFor(item, name);
        return spec && isEmptyValue(defaultFor(item, name, *spec));
    });
}

bool PropertySheet::wouldChange(std::string_view name,
                                const std::optional<PropertyValue> &value) const
{
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const bool changes = value ? effectiveValue(i, name) != value
                                   : storedValue(m_items[i], name).has_value();
        if (changes)
            return true;
    }
    return false;
}

bool isEmptyValue(const PropertyValue &value)
{
    if (const auto *text = std::get_if<std::string>(&value))
        return text->empty();
    if (const auto *list = std::get_if<StringList>(&value))
        return list->empty();
    return false;
}

} // namespace bulkhead
