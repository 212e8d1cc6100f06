#include "yamltree.h"

#include "core/modellimits.h"
#include "io/textfile.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

namespace bulkhead {

namespace {

/** 1-based line and column; {0, 0} when unknown. */
using Position = std::pair<int, int>;

Position markPosition(const YAML::Mark &mark)
{
    return {mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0};
}

/** Thrown by the builder when the input breaks a rule or a budget; parseYaml words it. */
struct Refusal
{
    Position position;
    std::string message;
};

/** What a subtree costs: nodes (values and items, as budgeted), scalar bytes, and height. */
struct Cost
{
    std::size_t nodes = 0;
    std::size_t bytes = 0;
    /** Levels below the subtree's root: 0 for a scalar or an empty collection. */
    std::size_t height = 0;
};

/**
 * Builds YamlNode trees straight from yaml-cpp's parser events, so that every budget is
 * checked before the memory it guards is spent: nodes and bytes after expanding aliases
 * (each alias is priced from its anchor's recorded cost before it is copied), nesting depth
 * as containers open, and progress between documents. yaml-cpp's own node graph is never
 * built. Aliases are expanded and merge keys ("<<") applied here, as the importers expect.
 */
class TreeBuilder : public YAML::EventHandler
{
public:
    TreeBuilder(std::string_view text, const YamlLimits &limits)
        : m_text(text)
        , m_limits(limits)
    {}

    std::vector<YamlNode> takeDocuments() { return std::move(m_documents); }

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        // yaml-cpp 0.7 starts a new, empty document without consuming anything when a
        // document begins with a token it cannot start a node with (a "," in block context),
        // and LoadAll then collects empty documents until memory runs out.
        if (m_documentStarted && mark.pos <= m_lastDocumentStart) {
            const auto offset = static_cast<std::size_t>(std::max(mark.pos, 0));
            throw Refusal{markPosition(mark),
                          offset < m_text.size() && m_text[offset] == ','
                              ? "invalid YAML: \",\" outside a flow collection ([ ] or { })"
                              : "invalid YAML: the parser cannot get past this point"};
        }
        m_documentStarted = true;
        m_lastDocumentStart = mark.pos;
        m_anchors.clear(); // anchors do not cross documents
        m_root.reset();
    }

    void OnDocumentEnd() override
    {
        if (m_root && !m_root->isNull())
            m_documents.push_back(std::move(*m_root));
        m_root.reset();
    }

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        YamlNode node;
        setPosition(node, mark);
        leaf(std::move(node), anchor);
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        YamlNode node;
        setPosition(node, mark);
        setTag(node, tag);
        node.type = YamlNode::Type::Scalar;
        node.scalar = value;
        node.quoted = tag == "!"; // yaml-cpp's tag for a quoted (non-plain) scalar
        leaf(std::move(node), anchor);
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        const auto it = m_anchors.find(anchor);
        if (it == m_anchors.end())
            throw Refusal{markPosition(mark), "an alias refers to a node that contains it"};
        const Cost &cost = it->second.second;
        checkDepth(m_stack.size() + cost.height, markPosition(mark));
        if (!startsKey())
            addNodes(cost.nodes, markPosition(mark));
        addBytes(cost.bytes, markPosition(mark));
        place(YamlNode(it->second.first), cost);
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        open(mark, tag, anchor, YamlNode::Type::Sequence);
    }

    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        open(mark, tag, anchor, YamlNode::Type::Mapping);
    }

    void OnMapEnd() override { close(); }

private:
    struct Frame
    {
        YamlNode node;
        YAML::anchor_t anchor = 0;
        Cost cost;
        // Mappings only: keys and values alternate.
        bool keyNext = true;
        std::string key;
        Position keyPosition;
        bool keyIsMerge = false;
        std::set<std::string> ownKeys;
        std::vector<YamlNode> mergeSources;
    };

    static void setPosition(YamlNode &node, const YAML::Mark &mark)
    {
        std::tie(node.line, node.column) = markPosition(mark);
    }

    static void setTag(YamlNode &node, const std::string &tag)
    {
        // "?" (plain) and "!" (quoted) are yaml-cpp's non-specific tags, not the user's.
        if (tag.size() > 1 && tag[0] == '!')
            node.tag = tag;
    }

    /** Whether the node starting now is a mapping key (keys are not counted as nodes). */
    bool startsKey() const
    {
        return !m_stack.empty() && m_stack.back().node.isMapping() && m_stack.back().keyNext;
    }

    void checkDepth(std::size_t depth, const Position &at) const
    {
        if (depth > m_limits.maxDepth)
            throw Refusal{at,
                          "nesting deeper than " + groupedNumber(m_limits.maxDepth) + " levels"};
    }

    void addNodes(std::size_t count, const Position &at)
    {
        m_nodes += count;
        if (m_nodes > m_limits.maxNodes) {
            throw Refusal{at, "the file expands to more than " + groupedNumber(m_limits.maxNodes)
                                  + " YAML nodes (aliases included); is it an alias bomb?"};
        }
    }

    void addBytes(std::size_t count, const Position &at)
    {
        m_bytes += count;
        if (m_bytes > m_limits.maxExpandedBytes) {
            const std::size_t mebibyte = 1024 * 1024;
            const std::size_t limit = m_limits.maxExpandedBytes;
            const std::string size = limit % mebibyte == 0
                                         ? groupedNumber(limit / mebibyte) + " MiB"
                                         : groupedNumber(limit) + " bytes";
            throw Refusal{at, "the file expands to more than " + size
                                  + " of text (aliases included); is it an alias bomb?"};
        }
    }

    /** Keeps a copy of an anchored node for its aliases; the copy is budgeted like them. */
    void remember(YAML::anchor_t anchor, const YamlNode &node, const Cost &cost)
    {
        if (!anchor)
            return;
        const Position at{node.line, node.column};
        addNodes(cost.nodes, at);
        addBytes(cost.bytes, at);
        m_anchors[anchor] = {node, cost};
    }

    void leaf(YamlNode node, YAML::anchor_t anchor)
    {
        const Position at{node.line, node.column};
        checkDepth(m_stack.size(), at);
        const Cost cost{1, node.scalar.size(), 0};
        if (!startsKey())
            addNodes(1, at);
        addBytes(cost.bytes, at);
        remember(anchor, node, cost);
        place(std::move(node), cost);
    }

    void open(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
              YamlNode::Type type)
    {
        const Position at = markPosition(mark);
        if (startsKey())
            throw Refusal{at, "mapping keys must be plain text"};
        checkDepth(m_stack.size(), at);
        addNodes(1, at);
        Frame frame;
        frame.node.type = type;
        setPosition(frame.node, mark);
        setTag(frame.node, tag);
        frame.anchor = anchor;
        frame.cost.nodes = 1;
        m_stack.push_back(std::move(frame));
    }

    void close()
    {
        if (m_stack.empty())
            return;
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        if (frame.node.isMapping())
            applyMerges(frame);
        remember(frame.anchor, frame.node, frame.cost);
        place(std::move(frame.node), frame.cost);
    }

    /** The mapping's own keys override what "<<" brings in; earlier sources win among them. */
    static void applyMerges(Frame &frame)
    {
        std::set<std::string> mergedKeys;
        for (YamlNode &source : frame.mergeSources) {
            for (std::size_t i = 0; i < source.entries.size(); ++i) {
                auto &entry = source.entries[i];
                if (frame.ownKeys.count(entry.first) || !mergedKeys.insert(entry.first).second)
                    continue;
                frame.node.keyPositions.push_back(
                    i < source.keyPositions.size() ? source.keyPositions[i] : Position{});
                frame.node.entries.push_back(std::move(entry));
            }
        }
    }

    /** Hands a finished node to its parent, or makes it the document's root. */
    void place(YamlNode node, const Cost &cost)
    {
        if (m_stack.empty()) {
            m_root = std::move(node);
            return;
        }
        Frame &parent = m_stack.back();
        parent.cost.bytes += cost.bytes;
        if (parent.node.isSequence()) {
            parent.cost.nodes += cost.nodes;
            parent.cost.height = std::max(parent.cost.height, cost.height + 1);
            parent.node.items.push_back(std::move(node));
            return;
        }
        if (parent.keyNext) {
            if (!node.isScalar())
                throw Refusal{{node.line, node.column}, "mapping keys must be plain text"};
            parent.keyIsMerge = node.scalar == "<<" && !node.quoted;
            parent.keyPosition = {node.line, node.column};
            parent.key = std::move(node.scalar);
            parent.keyNext = false;
            return;
        }
        parent.keyNext = true;
        parent.cost.nodes += cost.nodes;
        parent.cost.height = std::max(parent.cost.height, cost.height + 1);
        if (parent.keyIsMerge) {
            addMergeSources(parent, std::move(node));
            return;
        }
        if (!parent.ownKeys.insert(parent.key).second)
            throw Refusal{parent.keyPosition, "duplicate key \"" + elided(parent.key, 100) + "\""};
        // "key:" with no value: the parser marks the next token, often on the next line.
        if (node.isNull())
            std::tie(node.line, node.column) = parent.keyPosition;
        parent.node.entries.emplace_back(std::move(parent.key), std::move(node));
        parent.node.keyPositions.push_back(parent.keyPosition);
    }

    static void addMergeSources(Frame &mapping, YamlNode value)
    {
        if (value.isMapping()) {
            mapping.mergeSources.push_back(std::move(value));
        } else if (value.isSequence()) {
            for (const YamlNode &source : value.items) {
                if (!source.isMapping())
                    throw Refusal{{value.line, value.column},
                                  "a merge key (<<) takes a mapping or a list of mappings"};
            }
            for (YamlNode &source : value.items)
                mapping.mergeSources.push_back(std::move(source));
        }
        // Anything else merges nothing, as yaml-cpp's own loaders treat it.
    }

    std::string_view m_text;
    const YamlLimits &m_limits;
    std::vector<Frame> m_stack;
    std::optional<YamlNode> m_root;
    std::vector<YamlNode> m_documents;
    std::map<YAML::anchor_t, std::pair<YamlNode, Cost>> m_anchors;
    std::size_t m_nodes = 0;
    std::size_t m_bytes = 0;
    bool m_documentStarted = false;
    int m_lastDocumentStart = 0;
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

std::string position(const std::string &name, const Position &at)
{
    if (at.first <= 0)
        return name;
    return name + ":" + std::to_string(at.first) + ":" + std::to_string(at.second);
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
        return Result<YamlFile>::failure(name + ": larger than "
                                         + std::to_string(limits.maxBytes / (1024 * 1024))
                                         + " MiB; not a deployment description");
    YamlFile file;
    file.path = name;
    try {
        std::istringstream stream{std::string(text)};
        YAML::Parser parser(stream);
        TreeBuilder builder(text, limits);
        while (parser.HandleNextDocument(builder)) {}
        file.documents = builder.takeDocuments();
    } catch (const Refusal &refusal) {
        return Result<YamlFile>::failure(position(name, refusal.position) + ": " + refusal.message);
    } catch (const YAML::DeepRecursion &e) {
        return Result<YamlFile>::failure(position(name, markPosition(e.mark))
                                         + ": nesting too deep to read");
    } catch (const YAML::Exception &e) {
        const Position at = e.mark.is_null() ? Position{} : markPosition(e.mark);
        return Result<YamlFile>::failure(position(name, at)
                                         + ": invalid YAML: " + printable(e.msg));
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
    return path + ":" + std::to_string(node.line) + ":" + std::to_string(node.column) + ": "
           + message;
}

} // namespace bulkhead
