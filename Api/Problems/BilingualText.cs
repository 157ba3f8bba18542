using System.Globalization;

namespace CloudFilm.Api.Problems;

/// <summary>A text in the two languages the pages speak: Chinese (the default) and English.</summary>
public sealed record BilingualText(string Zh, string En)
{
    public string In(ProblemLanguage language) => language == ProblemLanguage.En ? En : Zh;

    /// <summary>Fills the <c>{0}</c>, <c>{1}</c>… places of both texts with the same values.</summary>
    public BilingualText With(params object?[] values) => values.Length == 0
        ? this
        : new(string.Format(CultureInfo.InvariantCulture, Zh, values), string.Format(CultureInfo.InvariantCulture, En, values));
}
