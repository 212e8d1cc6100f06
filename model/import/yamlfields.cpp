#include "yamlfields.h"

#include "editdistance.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>
#include <system_error>

namespace bulkhead {

void failAt(const FieldContext &context, const YamlNode &at, const std::string &path,
            const std::string &message)
{
    std::string text;
    if (!context.object.empty())
        text += context.object + ": ";
    if (!path.empty())
        text += path + ": ";
    throw ImportFailure{yamlError(*context.file, at, text + message)};
}

std::string shownValue(const YamlNode &node)
{
    if (!node.isScalar())
        return std::string(node.typeName());
    std::string text;
    for (const char c : node.scalar) {
        if (text.size() >= 40) {
            text += "...";
            break;
        }
        const auto u = static_cast<unsigned char>(c);
        text += u >= 0x20 && u < 0x7F ? c : '?';
    }
    return "\"" + text + "\"" + (node.quoted ? " (quoted, so text)" : "");
}

std::string didYouMean(std::string_view key, const KeyList &known)
{
    std::string_view best;
    std::size_t bestDistance = 3;
    for (const std::string_view candidate : known) {
        const std::size_t d = editDistance(key, candidate);
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate;
        }
    }
    return best.empty() ? std::string() : " (did you mean \"" + std::string(best) + "\"?)";
}

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<bool> parseBool(std::string_view text)
{
    static const std::set<std::string_view> yes{"true", "True", "TRUE", "yes", "Yes",
                                                "YES",  "on",   "On",   "ON"};
    static const std::set<std::string_view> no{"false", "False", "FALSE", "no", "No",
                                               "NO",    "off",   "Off",   "OFF"};
    if (yes.count(text))
        return true;
    if (no.count(text))
        return false;
    return std::nullopt;
}

YamlFields YamlFields::check(const FieldContext &context, const YamlNode &node,
                             const std::string &path, const KeyList &known)
{
    if (node.isNull())
        return YamlFields(context, nullptr, path);
    if (!node.isMapping())
        failAt(context, node, path, "expected a mapping, found " + std::string(node.typeName()));
    for (std::size_t i = 0; i < node.entries.size(); ++i) {
        const std::string &key = node.entries[i].first;
        if (std::find(known.begin(), known.end(), key) == known.end())
            failAt(context, node.keyAt(i), path,
                   "unknown field \"" + key + "\"" + didYouMean(key, known));
    }
    return YamlFields(context, &node, path);
}

std::string YamlFields::pathOf(std::string_view key) const
{
    return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
}

const YamlNode *YamlFields::value(std::string_view key) const
{
    if (!m_node)
        return nullptr;
    const YamlNode *v = m_node->find(key);
    return v && !v->isNull() ? v : nullptr;
}

void YamlFields::fail(const YamlNode &at, std::string_view key, const std::string &message) const
{
    failAt(*m_context, at, pathOf(key), message);
}

std::optional<std::string> YamlFields::text(std::string_view key) const
{
    const YamlNode *v = value(key);
    if (!v)
        return std::nullopt;
    if (!v->isScalar())
        fail(*v, key, "expected text, found " + std::string(v->typeName()));
    return v->scalar;
}

std::optional<bool> YamlFields::boolean(std::string_view key) const
{
    const YamlNode *v = value(key);
    if (!v)
        return std::nullopt;
    const auto parsed = v->isScalar() && !v->quoted ? parseBool(v->scalar) : std::nullopt;
    if (!parsed)
        fail(*v, key, "expected true or false, found " + shownValue(*v));
    return parsed;
}

std::optional<std::int64_t> YamlFields::integer(std::string_view key, std::int64_t minimum,
                                                std::int64_t maximum) const
{
    const YamlNode *v = value(key);
    if (!v)
        return std::nullopt;
    const auto parsed = v->isScalar() && !v->quoted ? parseInteger(v->scalar) : std::nullopt;
    if (!parsed)
        fail(*v, key, "expected a whole number, found " + shownValue(*v));
    if (*parsed < minimum || *parsed > maximum)
        fail(*v, key,
             "expected a number from " + std::to_string(minimum) + " to " + std::to_string(maximum)
                 + ", found " + std::to_string(*parsed));
    return parsed;
}

std::optional<std::string> YamlFields::choice(std::string_view key, const KeyList &values) const
{
    const YamlNode *v = value(key);
    if (!v)
        return std::nullopt;
    if (!v->isScalar() || std::find(values.begin(), values.end(), v->scalar) == values.end()) {
        std::string list;
        for (std::size_t i = 0; i < values.size(); ++i)
            list += (i == 0 ? "" : i + 1 == values.size() ? " or " : ", ") + std::string(values[i]);
        fail(*v, key, "expected " + list + ", found " + shownValue(*v));
    }
    return v->scalar;
}

YamlFields YamlFields::object(std::string_view key, const KeyList &known) const
{
    const YamlNode *v = value(key);
    if (!v)
        return YamlFields(*m_context, nullptr, pathOf(key));
    return check(*m_context, *v, pathOf(key), known);
}

std::vector<std::pair<const YamlNode *, std::string>> YamlFields::items(std::string_view key) const
{
    std::vector<std::pair<const YamlNode *, std::string>> result;
    const YamlNode *v = value(key);
    if (!v)
        return result;
    if (!v->isSequence())
        fail(*v, key, "expected a list, found " + std::string(v->typeName()));
    for (std::size_t i = 0; i < v->items.size(); ++i)
        result.emplace_back(&v->items[i], pathOf(key) + "[" + std::to_string(i) + "]");
    return result;
}

std::vector<YamlFields> YamlFields::objects(std::string_view key, const KeyList &known) const
{
    std::vector<YamlFields> result;
    for (const auto &[item, path] : items(key)) {
        if (item->isNull())
            failAt(*m_context, *item, path, "expected a mapping, found nothing");
        result.push_back(check(*m_context, *item, path, known));
    }
    return result;
}

std::vector<std::string> YamlFields::texts(std::string_view key) const
{
    std::vector<std::string> result;
    for (const auto &[item, path] : items(key)) {
        if (!item->isScalar())
            failAt(*m_context, *item, path,
                   "expected text, found " + std::string(item->typeName()));
        result.push_back(item->scalar);
    }
    return result;
}

const YamlNode *YamlFields::textMapping(std::string_view key) const
{
    const YamlNode *v = value(key);
    if (!v)
        return nullptr;
    if (!v->isMapping())
        fail(*v, key, "expected a mapping, found " + std::string(v->typeName()));
    for (const auto &[name, item] : v->entries) {
        // Only the type is named, never the value: it may be a secret.
        if (!item.isScalar() && !item.isNull())
            failAt(*m_context, item, pathOf(key) + "." + name,
                   "expected text, found " + std::string(item.typeName()));
    }
    return v;
}

std::map<std::string, std::string> YamlFields::textMap(std::string_view key) const
{
    std::map<std::string, std::string> result;
    if (const YamlNode *v = textMapping(key))
        for (const auto &[name, item] : v->entries)
            result[name] = item.scalar;
    return result;
}

std::vector<std::string> YamlFields::keysOf(std::string_view key) const
{
    std::vector<std::string> result;
    if (const YamlNode *v = textMapping(key))
        for (const auto &[name, item] : v->entries)
            result.push_back(name);
    return result;
}

} // namespace bulkhead
