#pragma once

#include "core/propertyvalue.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bulkhead {

struct ElementKind;
struct PathList;
struct PropertySpec;

/** The static type of an expression node (see docs/rule-language.md). */
enum class ValueType { Bool, Int, String, StringList, IntList };

const char *valueTypeName(ValueType type);

/** What a node does. Operands are `children` (indices into CompiledExpression::nodes). */
enum class NodeOp {
    BoolLiteral,
    IntLiteral,
    StringLiteral,
    StringListLiteral,
    IntListLiteral,
    Property, ///< a property of the subject, an end, or an enclosing boundary
    KindOf,   ///< `kind`, `source.kind`, `target.kind`
    NameOf,   ///< `name`, `source.name`, `target.name`
    Not,
    And,
    Or,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    In, ///< scalar in list
    NotIn,
    Crosses,       ///< crosses("k")
    ReachableFrom, ///< reachableFrom("k"): something of kind k can open a connection to it
    OpenedFrom,    ///< openedFrom("k"): the flow's connection is opened from kind k's side
    HasFlowFrom,
    HasFlowTo,
    Inside,
    ModelHas,
    ModelCount,
    ModelAny,    ///< model.any("k", condition): the condition holds for some element of kind k
    Count,       ///< count(list)
    Matches,     ///< matches(x, "glob")
    MountsUnder, ///< mountsUnder(paths, "list"): a path is, lies below or holds a listed one
    MemberCount, ///< memberCount(): in-scope elements inside the subject boundary
    Known,       ///< known(property): whether the value is known; never unknown itself
};

/** Whose property a reference reads. */
enum class Holder { Subject, Source, Target, EnclosingBoundary };

/** For a property reference: where the value comes from and its default per kind. */
struct PropertyRef
{
    Holder holder = Holder::Subject;
    /** The boundary kind for Holder::EnclosingBoundary. */
    const ElementKind *boundaryKind = nullptr;
    std::string name;
    /** The schema per kind the holder may have; the first entry with a null kind is for any. */
    std::vector<std::pair<const ElementKind *, const PropertySpec *>> specs;
    /** Whether values are tri-state strings ("yes"/"no"/"unknown") read as bool. */
    bool tri = false;
};

struct ExpressionNode
{
    NodeOp op = NodeOp::BoolLiteral;
    ValueType type = ValueType::Bool;
    int column = 1;
    std::vector<int> children;
    bool boolValue = false;
    std::int64_t intValue = 0;
    std::string stringValue; ///< string literal, glob, or the text of a reference
    StringList stringList;
    std::vector<std::int64_t> intList;
    const ElementKind *kindArgument = nullptr; ///< function argument naming a kind
    const PathList *pathList = nullptr;        ///< mountsUnder()'s list, in the catalog
    PropertyRef property;
};

/** A parsed and type-checked expression: nodes in a flat array, root last. */
struct CompiledExpression
{
    std::string text;
    std::vector<ExpressionNode> nodes;
    int root = -1;

    bool empty() const { return root < 0; }
};

} // namespace bulkhead
