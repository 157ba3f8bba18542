namespace CloudFilm.Grains;
