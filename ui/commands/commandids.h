#pragma once

namespace bulkhead {

/** QUndoCommand::id() values of commands that merge with their predecessor. */
enum CommandId {
    MoveItemsCommandId = 1, ///< keyboard nudges merge into one step
};

} // namespace bulkhead
