namespace CloudFilm.Testing;
