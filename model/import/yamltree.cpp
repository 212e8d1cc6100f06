#include "yamltree.h"

#include "io/textfile.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <sstream>

namespace bulkhead {

namespace {

/** Copies yaml-cpp's node graph into YamlNode trees, counting every node it expands. */
class Copier
{
public:
    Copier(const std::string &name, const YamlLimits &limits) : m_name(name), m_limits(limits) {}

    /** False with error() set when a limit was hit or a key is not a scalar. */
    bool copy(const YAML::Node &from, YamlNode &to, std::size_t depth)
    {
        if (++m_nodes > m_limits.maxNodes)
            return fail(from, "the file expands to more than " + std::to_string(m_limits.maxNodes)
                                  + " YAML nodes (aliases included); is it an alias bomb?");
        if (depth > m_limits.maxDepth)
            return fail(from, "nesting deeper than " + std::to_string(m_limits.maxDepth) + " levels");
        const YAML::Mark mark = from.Mark();
        to.line = mark.line >= 0 ? mark.line + 1 : 0;
        to.column = mark.column >= 0 ? mark.column + 1 : 0;
        if (const std::string &tag = from.Tag(); tag.size() > 1 && tag[0] == '!')
            to.tag = tag;
        switch (from.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            to.type = YamlNode::Type::Null;
            return true;
        case YAML::NodeType::Scalar:
            to.type = YamlNode::Type::Scalar;
            to.scalar = from.Scalar();
            to.quoted = from.Tag() == "!";
            return true;
        case YAML::NodeType::Sequence:
            to.type = YamlNode::Type::Sequence;
            to.items.reserve(from.size());
            for (const YAML::Node &item : from) {
                to.items.emplace_back();
                if (!copy(item, to.items.back(), depth + 1))
                    return false;
            }
            return true;
        case YAML::NodeType::Map:
            to.type = YamlNode::Type::Mapping;
            return copyMapping(from, to, depth);
        }
        return true;
    }

    const std::string &error() const { return m_error; }

private:
    bool copyMapping(const YAML::Node &from, YamlNode &to, std::size_t depth)
    {
        // Merge keys first: the mapping's own keys override what "<<" brings in.
        std::vector<std::pair<std::string, YamlNode>> merged;
        std::vector<std::pair<int, int>> mergedPositions;
        // Sets, not scans: a mapping with 100,000 keys must not take 10^10 comparisons.
        std::set<std::string> mergedKeys;
        std::set<std::string> ownKeys;
        for (const auto &entry : from) {
            if (!entry.first.IsScalar())
                return fail(entry.first, "mapping keys must be plain text");
            if (entry.first.Scalar() != "<<" || entry.first.Tag() == "!")
                continue;
            std::vector<YAML::Node> sources;
            if (entry.second.IsMap()) {
                sources.push_back(entry.second);
            } else if (entry.second.IsSequence()) {
                for (const YAML::Node &source : entry.second)
                    sources.push_back(source);
            }
            for (const YAML::Node &source : sources) {
                if (!source.IsMap())
                    return fail(entry.second, "a merge key (<<) takes a mapping or a list of mappings");
                YamlNode copied;
                if (!copy(source, copied, depth + 1))
                    return false;
                for (std::size_t i = 0; i < copied.entries.size(); ++i) {
                    auto &item = copied.entries[i];
                    if (mergedKeys.insert(item.first).second) {
                        merged.push_back(std::move(item));
                        mergedPositions.push_back(i < copied.keyPositions.size() ? copied.keyPositions[i] : std::pair(0, 0));
                    }
                }
            }
        }
        for (const auto &entry : from) {
            if (entry.first.Scalar() == "<<" && entry.first.Tag() != "!")
                continue;
            const std::string key = entry.first.Scalar();
            if (!ownKeys.insert(key).second)
                return fail(entry.first, "duplicate key \"" + key + "\"");
            to.entries.emplace_back(key, YamlNode{});
            to.keyPositions.push_back(markPosition(entry.first.Mark()));
            YamlNode &value = to.entries.back().second;
            if (!copy(entry.second, value, depth + 1))
                return false;
            // "key:" with no value: the parser marks the next token, often on the next line.
            if (value.isNull())
                std::tie(value.line, value.column) = to.keyPositions.back();
        }
        for (std::size_t i = 0; i < merged.size(); ++i) {
            if (!ownKeys.count(merged[i].first)) {
                to.entries.push_back(std::move(merged[i]));
                to.keyPositions.push_back(mergedPositions[i]);
            }
        }
        return true;
    }

    static std::pair<int, int> markPosition(const YAML::Mark &mark)
    {
        return {mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0};
    }

    bool fail(const YAML::Node &at, const std::string &message)
    {
        const YAML::Mark mark = at.Mark();
        m_error = m_name + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": " + message;
        return false;
    }

    const std::string &m_name;
    const YamlLimits &m_limits;
    std::size_t m_nodes = 0;
    std::string m_error;
};

/**
 * Counts the nodes a file expands to, aliases included, from the parser's events, as Copier
 * counts them (values and items, not keys). Each anchor's size is remembered, so an alias bomb
 * costs one pass over its few lines instead of building the first maxNodes nodes.
 */
class ExpansionCounter : public YAML::EventHandler
{
public:
    struct Exceeded
    {
        YAML::Mark mark;
    };

    explicit ExpansionCounter(std::size_t limit) : m_limit(limit) {}

    void OnDocumentStart(const YAML::Mark &) override { m_anchors.clear(); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override { leaf(mark, anchor, 1); }
    void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, const std::string &) override
    {
        leaf(mark, anchor, 1);
    }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        const auto it = m_anchors.find(anchor);
        leaf(mark, 0, it == m_anchors.end() ? 1 : it->second);
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        open(mark, anchor, false);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        open(mark, anchor, true);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame
    {
        YAML::anchor_t anchor;
        std::size_t size;
        bool mapping;
        bool keyNext;
        bool counted;
    };

    /** Whether the node starting now counts: not a mapping key, not inside one. */
    bool beginChild()
    {
        if (m_stack.empty())
            return true;
        Frame &parent = m_stack.back();
        bool key = false;
        if (parent.mapping) {
            key = parent.keyNext;
            parent.keyNext = !key;
        }
        return parent.counted && !key;
    }

    std::size_t saturated(std::size_t value) const { return std::min(value, m_limit + 1); }

    void add(const YAML::Mark &mark, std::size_t size)
    {
        m_total = saturated(m_total + size);
        if (m_total > m_limit)
            throw Exceeded{mark};
    }

    void leaf(const YAML::Mark &mark, YAML::anchor_t anchor, std::size_t size)
    {
        const bool counts = beginChild();
        if (anchor)
            m_anchors[anchor] = size;
        if (!counts)
            return;
        add(mark, size);
        if (!m_stack.empty())
            m_stack.back().size = saturated(m_stack.back().size + size);
    }

    void open(const YAML::Mark &mark, YAML::anchor_t anchor, bool mapping)
    {
        const bool counts = beginChild();
        m_stack.push_back(Frame{anchor, 1, mapping, true, counts});
        if (counts)
            add(mark, 1);
    }

    void close()
    {
        if (m_stack.empty())
            return;
        const Frame frame = m_stack.back();
        m_stack.pop_back();
        if (frame.anchor)
            m_anchors[frame.anchor] = frame.size;
        if (frame.counted && !m_stack.empty())
            m_stack.back().size = saturated(m_stack.back().size + frame.size);
    }

    std::size_t m_limit;
    std::size_t m_total = 0;
    std::vector<Frame> m_stack;
    std::map<YAML::anchor_t, std::size_t> m_anchors;
};

/** yaml-cpp quotes the offending character in some messages: keep raw bytes off the terminal. */
std::string printable(std::string text)
{
    for (char &c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F)
            c = '?';
    }
    return text;
}

std::string position(const std::string &name, const YAML::Mark &mark)
{
    if (mark.is_null())
        return name;
    return name + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

} // namespace

YamlNode::YamlNode() = default;

const YamlNode *YamlNode::find(std::string_view key) const
{
    for (const auto &entry : entries)
        if (entry.first == key)
            return &entry.second;
    return nullptr;
}

YamlNode YamlNode::keyAt(std::size_t index) const
{
    YamlNode key;
    key.type = Type::Scalar;
    if (index < entries.size())
        key.scalar = entries[index].first;
    if (index < keyPositions.size()) {
        key.line = keyPositions[index].first;
        key.column = keyPositions[index].second;
    }
    if (key.line == 0) {
        key.line = line;
        key.column = column;
    }
    key.fileIndex = fileIndex;
    return key;
}

std::string_view YamlNode::typeName() const
{
    switch (type) {
    case Type::Null:
        return "nothing";
    case Type::Scalar:
        return "text";
    case Type::Sequence:
        return "a list";
    case Type::Mapping:
        return "a mapping";
    }
    return "nothing";
}

Result<YamlFile> parseYaml(std::string_view text, const std::string &name, const YamlLimits &limits)
{
    if (text.size() > limits.maxBytes)
        return Result<YamlFile>::failure(name + ": larger than " + std::to_string(limits.maxBytes / (1024 * 1024))
                                         + " MiB; not a deployment description");
    YamlFile file;
    file.path = name;
    try {
        // Only a file with anchors and aliases can expand beyond its size: count it first.
        if (text.find('&') != std::string_view::npos && text.find('*') != std::string_view::npos) {
            std::istringstream stream{std::string(text)};
            YAML::Parser parser(stream);
            ExpansionCounter counter(limits.maxNodes);
            try {
                while (parser.HandleNextDocument(counter)) {
                }
            } catch (const ExpansionCounter::Exceeded &e) {
                return Result<YamlFile>::failure(position(name, e.mark) + ": the file expands to more than "
                                                 + std::to_string(limits.maxNodes)
                                                 + " YAML nodes (aliases included); is it an alias bomb?");
            }
        }
        const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
        Copier copier(name, limits);
        for (const YAML::Node &document : documents) {
            if (!document || document.IsNull())
                continue;
            YamlNode copied;
            if (!copier.copy(document, copied, 0))
                return Result<YamlFile>::failure(copier.error());
            file.documents.push_back(std::move(copied));
        }
    } catch (const YAML::DeepRecursion &e) {
        return Result<YamlFile>::failure(position(name, e.mark) + ": nesting too deep to read");
    } catch (const YAML::Exception &e) {
        return Result<YamlFile>::failure(position(name, e.mark) + ": invalid YAML: " + printable(e.msg));
    } catch (const std::exception &e) {
        return Result<YamlFile>::failure(name + ": cannot read as YAML: " + e.what());
    }
    return file;
}

Result<YamlFile> readYamlFile(const std::string &path, const YamlLimits &limits)
{
    auto text = readTextFile(path, limits.maxBytes);
    if (!text)
        return Result<YamlFile>::failure(text.error());
    return parseYaml(*text, path, limits);
}

std::string yamlError(const std::string &path, const YamlNode &node, const std::string &message)
{
    if (node.line <= 0)
        return path + ": " + message;
    return path + ":" + std::to_string(node.line) + ":" + std::to_string(node.column) + ": " + message;
}

} // namespace bulkhead
