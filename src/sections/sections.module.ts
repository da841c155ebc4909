import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { Section } from './section.entity';
import { Tag } from './tag.entity';
import { TaxonomyController } from './taxonomy.controller';
import { TaxonomyService } from './taxonomy.service';

/** Sections and tags (the tables `sections` and `tags`); which article carries which is the articles module's. */
@Module({
  imports: [TypeOrmModule.forFeature([Section, Tag]), AuthModule],
  controllers: [TaxonomyController],
  providers: [TaxonomyService],
  // The repositories too: the panel's list and record pages read sections and tags through them (writes go through TaxonomyService).
  exports: [TaxonomyService, TypeOrmModule],
})
export class SectionsModule {}
