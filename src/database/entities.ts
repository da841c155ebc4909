import { Article } from '../articles/article.entity';
import { Byline } from '../articles/byline.entity';
import { User } from '../auth/user.entity';
import { Author } from '../authors/author.entity';
import { Caption } from '../captions/caption.entity';
import { Import } from '../imports/import.entity';
import { Photo } from '../photos/photo.entity';

export const entities = [Article, Byline, Author, Photo, Caption, Import, User];
