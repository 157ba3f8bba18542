namespace CloudFilm.Database;
