#pragma once

#include "analysis/diagnostic.h"
#include "core/threatmodel.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

class QUndoStack;

namespace bulkhead {

class Catalog;

/** What kind of object an id names in the document. */
enum class ItemType { None, Element, Boundary, Flow };

/** What an itemChanged notification says changed, so views redo only what depends on it. */
enum class ItemChange {
    Geometry = 0x1,  ///< position or size
    Container = 0x2, ///< an element's boundary or a boundary's parent
    Name = 0x4,
    Properties = 0x8,
    Direction = 0x10, ///< a flow's bidirectional flag or which end opens its connection
};
Q_DECLARE_FLAGS(ItemChanges, ItemChange)
Q_DECLARE_OPERATORS_FOR_FLAGS(ItemChanges)

/**
 * The open threat model as the UI sees it: owns the ThreatModel and its QUndoStack, knows its
 * file, and keeps validation current. Views read from it; every edit goes through a command on
 * undoStack(), and commands change the model only through the mutation methods below, which
 * announce each change so views can mirror it.
 */
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(const Catalog &catalog, QObject *parent = nullptr);
    ~Document() override;

    const ThreatModel &model() const { return m_model; }
    const Catalog &catalog() const { return *m_catalog; }
    /**
     * Switches to another catalog (the built-in one with extra files merged in). Everything
     * is re-read as after opening a file; the undo history stays valid, since it holds only
     * model data.
     */
    void setCatalog(std::unique_ptr<Catalog> catalog);
    /** Validation findings for the current model, computed when first asked after a change. */
    const std::vector<Diagnostic> &diagnostics() const;
    QUndoStack *undoStack() const { return m_undoStack; }

    /** Empty for a new or example document that was never saved. */
    QString filePath() const { return m_filePath; }
    /** The file name, or "Untitled". */
    QString displayName() const;
    /** Unsaved changes: edits since the last save, or a model that came from a migration,
     *  an example or a recovery file. */
    bool isModified() const;

    ItemType typeOf(const QString &id) const;

    /**
     * Replaces the document with the file's model. On failure the current model stays as it
     * was and errorMessage holds the loader's one-line message.
     */
    bool load(const QString &path, QString *errorMessage);
    /** As load(), from text (an example or a recovery file): the document has no file yet
     *  unless `filePath` is given, and counts as modified when `modified`. */
    bool loadText(const QByteArray &text, const QString &sourceName, const QString &filePath,
                  bool modified, QString *errorMessage);
    /**
     * As loadText(), from a model already in memory (an import, a report of a model the CLI
     * loaded). A model drawn outside the canvas's range (core/limits.h) is refused as the file
     * reader refuses it: false, the document unchanged and errorMessage saying which object.
     */
    bool loadModel(ThreatModel model, const QString &filePath, bool modified,
                   QString *errorMessage = nullptr);
    /** Saves atomically; on success this becomes the document's file and it is unmodified. */
    bool save(const QString &path, QString *errorMessage);
    /** An empty model, no file. */
    void clear();

    // Mutations, for commands only. Each announces what changed.
    void insertElement(int position, const Element &element);
    void insertBoundary(int position, const Boundary &boundary);
    void insertFlow(int position, const Flow &flow);
    void removeElement(const QString &id);
    void removeBoundary(const QString &id);
    void removeFlow(const QString &id);
    void setGeometry(const QString &id, const Rect &geometry);
    /** The boundary an element sits in, or a boundary's parent. */
    void setContainer(const QString &id, const QString &boundaryId);
    void setName(const QString &id, const QString &name);
    /** An element's kind; announced as a change of its properties, whose schema it decides. */
    void setKind(const QString &id, const std::string &kind);
    /** Sets a property, or removes it (back to the kind's default) for nullopt. */
    void setProperty(const QString &id, const std::string &name,
                     const std::optional<PropertyValue> &value);
    void setFlowBidirectional(const QString &id, bool bidirectional);
    void setFlowInitiator(const QString &id, FlowInitiator initiator);
    void setMetadata(const ModelMetadata &metadata);
    /** The whole model at once (a re-import and its undo); the file and history stay. */
    void resetModel(const ThreatModel &model);
    /** Inserts or replaces the register entry for entry.threat. */
    void setRegisterEntry(const RegisterEntry &entry);
    void removeRegisterEntry(const QString &threatId);
    void insertManualThreat(int position, const ManualThreat &threat);
    void removeManualThreat(const QString &id);

    /** The property as stored, or nullopt when unset (the kind's default applies). */
    std::optional<PropertyValue> property(const QString &id, const std::string &name) const;

Q_SIGNALS:
    /** Another model took the old one's place (new, open, import); modelReset follows. */
    void replaced();
    void modelReset();
    void itemAdded(const QString &id, bulkhead::ItemType type);
    void itemRemoved(const QString &id, bulkhead::ItemType type);
    /** Geometry, name, container, properties or direction of an item changed: `changes`. */
    void itemChanged(const QString &id, bulkhead::ItemType type, bulkhead::ItemChanges changes);
    void metadataChanged();
    /** A reviewer's decision or a manual threat changed; threats must be re-read now. */
    void registerChanged();
    /** After any change of the model; validation is already current. */
    void changed();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);

private:
    void afterChange();
    void revalidate();

    const Catalog *m_catalog;
    std::unique_ptr<Catalog> m_ownedCatalog;
    ThreatModel m_model;
    QUndoStack *m_undoStack;
    QString m_filePath;
    /** Modified without an undoable edit (migrated, example, recovered). */
    bool m_modifiedWithoutEdit = false;
    mutable std::vector<Diagnostic> m_diagnostics;
    mutable bool m_diagnosticsStale = true;
};

} // namespace bulkhead
