// Linking a study to a criterion without leaving the evaluation page: a study screened as
// included in a "screened studies" row (found with the search or added with the "+" popup)
// is offered at once in every criterion's "studies it rests on" list. The server accepts the
// link in the same save (evaluations/admin.py, studies_included_in); without this script the
// study appears in those lists after "Save and continue editing".
(function () {
  var $ = window.django && window.django.jQuery;
  if (!$) {
    return;
  }
  var studyField = /^evaluationstudy_set-(\d+)-study$/;
  var includedField = /^evaluationstudy_set-(\d+)-included$/;

  function offer(row) {
    var study = document.querySelector('[name="evaluationstudy_set-' + row + '-study"]');
    var included = document.querySelector('[name="evaluationstudy_set-' + row + '-included"]');
    if (!study || !study.value || !included || !included.checked) {
      return;
    }
    var chosen = study.options[study.selectedIndex];
    document.querySelectorAll('select[name^="answers-"][name$="-studies"]').forEach(function (list) {
      if (!list.querySelector('option[value="' + study.value + '"]')) {
        list.add(new Option(chosen.text, study.value));
      }
    });
  }

  // jQuery's delegation, because select2 and the popup announce a choice through jQuery.
  $(document).on("change", "select, input[type=checkbox]", function () {
    var match = studyField.exec(this.name) || includedField.exec(this.name);
    if (match) {
      offer(match[1]);
    }
  });
})();
