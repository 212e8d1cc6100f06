#pragma once

#include "import/reimport.h"

#include <QDialog>

class QCheckBox;
class QTreeWidget;

namespace bulkhead {

class Document;
class LayoutEngine;

/**
 * The drift a re-import would make, as a diff-like list (+ added, - gone, ~ kept by hand), with
 * "Remove what disappeared" to prune. The list follows the checkbox, so it shows what OK does.
 */
class ReimportDialog : public QDialog
{
    Q_OBJECT

public:
    ReimportDialog(ThreatModel existing, ThreatModel imported, QWidget *parent = nullptr);

    QCheckBox *pruneBox() const { return m_prune; }
    QTreeWidget *list() const { return m_list; }
    /** The merged model and its drift, as the checkbox says. */
    const ReimportResult &result() const { return m_result; }

private:
    void merge();

    ThreatModel m_existing;
    ThreatModel m_imported;
    ReimportResult m_result;
    QCheckBox *m_prune = nullptr;
    QTreeWidget *m_list = nullptr;
};

/**
 * File → Update from Deployment Files…: the files the model remembers (asked for when it has
 * none), imported afresh, the drift shown in a ReimportDialog, and on OK the merge applied as
 * one undoable step.
 */
void updateFromDeploymentFiles(QWidget *parent, Document *document, LayoutEngine &layoutEngine);

} // namespace bulkhead
